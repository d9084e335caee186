import { defineRule, hadolintUrl } from '../../define-rule.js';
import { declaredNames } from '../../internal/views.js';

const MESSAGE = 'Potentially sensitive data should not be used in the `ARG` or `ENV` commands';

const KNOWN = new Set([
  'ACCESS_TOKEN',
  'APPLICATION_KEY',
  'APP_SECRET',
  'AUTH_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'BITTREX_API_KEY',
  'BITTREX_API_SECRET',
  'CF_PASSWORD',
  'CF_USERNAME',
  'CIRCLE_TOKEN',
  'CI_DEPLOY_PASSWORD',
  'CI_DEPLOY_USER',
  'DOCKERHUB_PASSWORD',
  'DOCKER_EMAIL',
  'DOCKER_PASSWORD',
  'DOCKER_USERNAME',
  'FACEBOOK_ACCESS_TOKEN',
  'FACEBOOK_APP_ID',
  'FACEBOOK_APP_SECRET',
  'FIREBASE_API_TOKEN',
  'FIREBASE_TOKEN',
  'FOSSA_API_KEY',
  'GH_ENTERPRISE_TOKEN',
  'GH_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN',
  'GITHUB_TOKEN',
  'HEROKU_API_KEY',
  'HEROKU_API_USER',
  'NPM_AUTH_TOKEN',
  'NPM_TOKEN',
  'OKTA_AUTHN_GROUPID',
  'OKTA_CLIENT_ORGURL',
  'OKTA_CLIENT_TOKEN',
  'OKTA_OAUTH2_CLIENTID',
  'OKTA_OAUTH2_CLIENTSECRET',
  'OPENAI_API_KEY',
  'OS_PASSWORD',
  'OS_USERNAME',
  'POSTGRES_PASSWORD',
  'SLACK_TOKEN',
  'STRIPE_API_KEY',
  'STRIPE_DEVICE_NAME',
  'TRAVIS_OS_NAME',
  'TRAVIS_SECURE_ENV_VARS',
  'TRAVIS_SUDO',
  'VAULT_CLIENT_KEY',
  'VAULT_TOKEN',
]);

const SUSPICIOUS = ['api_key', 'client_key', 'password', 'private', 'secret', 'token', 'username'];

/** A name hadolint takes for a secret: a well-known one, or one containing a suspicious word. */
function sensitive(name: string): boolean {
  if (KNOWN.has(name.toUpperCase())) return true;
  const lower = name.toLowerCase();
  for (const s of SUSPICIOUS) if (lower.includes(s)) return true;
  return false;
}

/**
 * DL3064: an ARG or ENV whose name looks like a secret: its value stays in the image's
 * history (ENV) or build metadata (ARG).
 */
export const dl3064 = defineRule(
  {
    id: 'DL3064',
    source: 'hadolint',
    severity: 'warning',
    description: 'Potentially sensitive data should not be used in the `ARG` or `ENV` commands',
    url: hadolintUrl('DL3064'),
    onbuild: true,
    sameProblemAs: { SecretsUsedInArgOrEnv: 'here' },
    keywords: ['ARG', 'ENV'],
    examples: {
      reported: { dockerfile: 'FROM node:22-slim\nARG NPM_TOKEN\n' },
      notReported: { dockerfile: 'FROM node:22-slim\nARG NODE_ENV=production\n' },
    },
  },
  (ctx, report) => {
    for (const n of ctx.instructions) {
      if (n.keyword !== 'ARG' && n.keyword !== 'ENV') continue;
      if (declaredNames(ctx, n).some(sensitive)) report(n, MESSAGE);
    }
  },
);
