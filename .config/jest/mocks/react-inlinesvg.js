// Icons load their SVG asynchronously and re-render outside act(); their markup is never under test.
module.exports = { __esModule: true, default: () => null };
