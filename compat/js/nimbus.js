// A stand-in for the serverless framework the seed's handlers are written
// for: nimbus.API({ name, init }) runs init once (as a container would) and
// api.route(method, path, handler) records handlers so tests can invoke them
// with Lambda-style events. It does nothing else: the handlers' own code, in
// handlers.js, is the seed's.
'use strict';

function API({ name, init } = {}) {
  const routes = [];
  if (init) init();
  return {
    name,
    route(method, path, handler) {
      routes.push({ method, path, handler });
    },
    // handler returns the nth handler registered for method and path (the
    // seed registers GET /users/{id} twice: a plain one and one with error
    // handling).
    handler(method, path, nth = 0) {
      const found = routes.filter((r) => r.method === method && r.path === path);
      if (!found[nth]) throw new Error(`no route ${method} ${path} #${nth}`);
      return found[nth].handler;
    },
  };
}

module.exports = { API };
