// Renders the OpenAPI document as a readable reference: one section per operation with its parameters,
// request body and answers, and the schemas they use. Plain DOM, no inline script or style (strict CSP).
(function () {
    'use strict';
    var root = document.getElementById('reference');
    if (!root) { return; }

    function el(tag, className, text) {
        var node = document.createElement(tag);
        if (className) { node.className = className; }
        if (text !== undefined && text !== null) { node.textContent = text; }
        return node;
    }

    function refName(schema) {
        if (!schema) { return ''; }
        if (schema.$ref) { return schema.$ref.split('/').pop(); }
        if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.indexOf('array') >= 0)) {
            return refName(schema.items) + '[]';
        }
        return Array.isArray(schema.type) ? schema.type.filter(function (t) { return t !== 'null'; }).join(' | ') : (schema.type || 'object');
    }

    function schemaTable(name, schema) {
        var section = el('section', 'api-schema mb-3');
        section.id = 'schema-' + name;
        section.appendChild(el('h3', 'h6 font-monospace', name));
        if (schema.enum) {
            section.appendChild(el('p', 'small mb-1', 'One of: ' + schema.enum.join(', ')));
            return section;
        }
        var properties = schema.properties || {};
        var names = Object.keys(properties);
        if (names.length === 0) { return section; }
        var table = el('table', 'table table-sm small');
        var head = el('tr');
        ['Field', 'Type', 'About'].forEach(function (h) { head.appendChild(el('th', null, h)); });
        table.appendChild(el('thead')).appendChild(head);
        var body = el('tbody');
        names.forEach(function (field) {
            var row = el('tr');
            row.appendChild(el('td', 'font-monospace', field));
            row.appendChild(el('td', 'font-monospace', refName(properties[field])));
            row.appendChild(el('td', null, properties[field].description || ''));
            body.appendChild(row);
        });
        table.appendChild(body);
        section.appendChild(table);
        return section;
    }

    function operation(path, method, op) {
        var section = el('section', 'api-operation border rounded p-3 mb-3');
        section.setAttribute('data-operation', method.toUpperCase() + ' ' + path);
        var title = el('h2', 'h5');
        title.appendChild(el('span', 'badge text-bg-secondary me-2', method.toUpperCase()));
        title.appendChild(el('code', null, path));
        section.appendChild(title);
        if (op.summary) { section.appendChild(el('p', null, op.summary)); }
        (op.parameters || []).forEach(function (p) {
            section.appendChild(el('p', 'small mb-1', 'Parameter ' + p.name + ' (' + p.in + (p.required ? ', required' : '') + '): ' + refName(p.schema)));
        });
        if (op.requestBody && op.requestBody.content && op.requestBody.content['application/json']) {
            section.appendChild(el('p', 'small mb-1', 'Body: ' + refName(op.requestBody.content['application/json'].schema)));
        }
        Object.keys(op.responses || {}).forEach(function (status) {
            var response = op.responses[status];
            var json = response.content && (response.content['application/json'] || response.content['application/problem+json']);
            section.appendChild(el('p', 'small mb-1', 'Answer ' + status + ' ' + (response.description || '') + (json ? ': ' + refName(json.schema) : '')));
        });
        return section;
    }

    fetch(root.getAttribute('data-document'), { headers: { 'Accept': 'application/json' } })
        .then(function (response) { return response.json(); })
        .then(function (doc) {
            root.textContent = '';
            Object.keys(doc.paths || {}).forEach(function (path) {
                Object.keys(doc.paths[path]).forEach(function (method) {
                    root.appendChild(operation(path, method, doc.paths[path][method]));
                });
            });
            var schemas = (doc.components && doc.components.schemas) || {};
            root.appendChild(el('h2', 'h4 mt-4', 'Schemas'));
            Object.keys(schemas).forEach(function (name) { root.appendChild(schemaTable(name, schemas[name])); });
        })
        .catch(function () {
            root.textContent = 'The API document could not be loaded.';
        });
}());
