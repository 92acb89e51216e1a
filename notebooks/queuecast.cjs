// The notebooks' way in to queuecast. tslab runs each cell as CommonJS, and require() cannot load queuecast: it is
// an ES module whose dependencies use top-level await (vega). A real import() from this file can. It loads the
// built package (dist/, made by `npm run build`), just as a user's `import ... from 'queuecast'` would.
module.exports = import('../dist/index.js');
