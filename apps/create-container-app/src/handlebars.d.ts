// Templates under ../templates are precompiled by build.mjs (handlebars, strict + noEscape)
// into functions of their context.
declare module '*.hbs' {
  const render: (context: object) => string;
  export default render;
}
