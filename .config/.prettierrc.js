// Managed formatting rules, create-plugin style: the root .prettierrc.js spreads this.
module.exports = {
  endOfLine: 'auto',
  printWidth: 120,
  trailingComma: 'es5',
  semi: true,
  jsxSingleQuote: false,
  singleQuote: true,
  useTabs: false,
  tabWidth: 2,
};
