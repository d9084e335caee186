ARG NODE_VERSION=22
ARG PNPM_VERSION=10.34.8

FROM node:${NODE_VERSION}-slim
# Not in docker init's output: without this line PNPM_VERSION, declared before FROM, is empty
# in this stage and `npm install -g pnpm@` installs the latest pnpm (see README.md).
ARG PNPM_VERSION

# Use production node environment by default.
ENV NODE_ENV production

# Install pnpm.
RUN --mount=type=cache,target=/root/.npm \
    npm install -g pnpm@${PNPM_VERSION}

WORKDIR /usr/src/app

# Download dependencies as a separate step to take advantage of Docker's caching.
RUN --mount=type=bind,source=package.json,target=package.json \
    --mount=type=bind,source=pnpm-lock.yaml,target=pnpm-lock.yaml \
    --mount=type=cache,target=/root/.local/share/pnpm/store \
    pnpm install --prod --frozen-lockfile

# Run the application as a non-root user.
USER node

# Copy the rest of the source files into the image.
COPY . .

EXPOSE 3000

CMD pnpm start
