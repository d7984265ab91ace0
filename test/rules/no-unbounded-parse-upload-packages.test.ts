// Upload parsers beyond multer and busboy: express-fileupload and multer's Koa wrappers (@koa/multer, koa-multer),
// which take multer's `limits.fileSize`; multiparty and graphql-upload, whose size is an option of its own and
// unbounded by default; formidable, bounded by default (200 MB a file) unless `maxFileSize` turns the cap off.
import rule from '../../rules/no-unbounded-parse.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

/** The finding at an upload parser configured without a file size, with its one suggestion's fixed source. */
const fileSizeError = (line: number, column: number, output: string) =>
  ({ messageId: 'uploadWithoutFileSize', line, column, suggestions: [{ messageId: 'addFileSizeLimit', output }] }) as const;

ruleTester.run('no-unbounded-parse (more upload parsers)', rule, {
  valid: [
    {
      name: 'express-fileupload with limits.fileSize',
      code: `import express from 'express';
import fileUpload from 'express-fileupload';

export const app = express();
app.use(fileUpload({ limits: { fileSize: 5 * 1024 * 1024 }, abortOnLimit: true }));
`,
    },
    {
      name: '@koa/multer with limits.fileSize',
      code: `import Router from '@koa/router';
import multer from '@koa/multer';

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 2_000_000 } });
export const router = new Router();
router.post('/avatars', upload.single('avatar'), async (ctx) => {
  ctx.body = { size: ctx.file.size };
});
`,
    },
    {
      name: 'a local fileUpload helper (a look-alike name)',
      code: `import express from 'express';

function fileUpload() {
  return (req, res, next) => next();
}

export const app = express();
app.use(fileUpload());
`,
    },
    {
      name: 'formidable at its default cap, and with a finite maxFileSize',
      code: `import http from 'node:http';
import formidable, { IncomingForm } from 'formidable';

http.createServer((req, res) => {
  const form = req.url === '/avatars' ? new IncomingForm({ maxFileSize: 2 * 1024 * 1024 }) : formidable();
  form.parse(req, (err) => res.end(err ? 'failed' : 'ok'));
}).listen(3000);
`,
    },
    {
      name: 'multiparty with maxFilesSize, graphql-upload with maxFileSize',
      code: `import express from 'express';
import multiparty from 'multiparty';
import { graphqlUploadExpress } from 'graphql-upload';

export const app = express();
app.use('/graphql', graphqlUploadExpress({ maxFileSize: 10_000_000, maxFiles: 5 }));
app.post('/scans', (req, res) => {
  new multiparty.Form({ maxFilesSize: 20 * 1024 * 1024 }).parse(req, () => res.end());
});
`,
    },
  ],
  invalid: [
    {
      name: 'graphql-upload middleware with no options (no size cap by default)',
      code: `import express from 'express';
import { graphqlUploadExpress } from 'graphql-upload';

export const app = express();
app.use('/graphql', graphqlUploadExpress());
`,
      errors: [
        fileSizeError(5, 21, `import express from 'express';
import { graphqlUploadExpress } from 'graphql-upload';

export const app = express();
app.use('/graphql', graphqlUploadExpress({ maxFileSize: 10 * 1024 * 1024 }));
`),
      ],
    },
    {
      name: 'graphql-upload v14+ module (default export) with a file count but no size',
      code: `import Koa from 'koa';
import graphqlUploadKoa from 'graphql-upload/graphqlUploadKoa.mjs';

export const app = new Koa();
app.use(graphqlUploadKoa({ maxFiles: 3 }));
`,
      errors: [
        fileSizeError(5, 9, `import Koa from 'koa';
import graphqlUploadKoa from 'graphql-upload/graphqlUploadKoa.mjs';

export const app = new Koa();
app.use(graphqlUploadKoa({ maxFiles: 3, maxFileSize: 10 * 1024 * 1024 }));
`),
      ],
    },
    {
      name: "formidable with its cap turned off (maxFileSize: Infinity)",
      code: `import http from 'node:http';
import formidable from 'formidable';

http.createServer((req, res) => {
  formidable({ maxFileSize: Infinity }).parse(req, () => res.end());
}).listen(3000);
`,
      errors: [
        fileSizeError(5, 3, `import http from 'node:http';
import formidable from 'formidable';

http.createServer((req, res) => {
  formidable({ maxFileSize: 10 * 1024 * 1024 }).parse(req, () => res.end());
}).listen(3000);
`),
      ],
    },
    {
      name: 'multiparty with no options (no total size cap by default)',
      code: `import express from 'express';
import multiparty from 'multiparty';

export const app = express();
app.post('/scans', (req, res) => {
  new multiparty.Form().parse(req, () => res.end());
});
`,
      errors: [
        fileSizeError(6, 3, `import express from 'express';
import multiparty from 'multiparty';

export const app = express();
app.post('/scans', (req, res) => {
  new multiparty.Form({ maxFilesSize: 10 * 1024 * 1024 }).parse(req, () => res.end());
});
`),
      ],
    },
    {
      name: 'express-fileupload with no options',
      code: `import express from 'express';
import fileUpload from 'express-fileupload';

export const app = express();
app.use(fileUpload());
`,
      errors: [
        fileSizeError(5, 9, `import express from 'express';
import fileUpload from 'express-fileupload';

export const app = express();
app.use(fileUpload({ limits: { fileSize: 10 * 1024 * 1024 } }));
`),
      ],
    },
    {
      name: 'express-fileupload writing temp files, with no size limit',
      code: `const express = require('express');
const fileUpload = require('express-fileupload');

const app = express();
app.use(fileUpload({ useTempFiles: true, tempFileDir: '/tmp/' }));
module.exports = app;
`,
      errors: [
        fileSizeError(5, 9, `const express = require('express');
const fileUpload = require('express-fileupload');

const app = express();
app.use(fileUpload({ useTempFiles: true, tempFileDir: '/tmp/', limits: { fileSize: 10 * 1024 * 1024 } }));
module.exports = app;
`),
      ],
    },
    {
      name: '@koa/multer in memory with no file size limit',
      code: `import Router from '@koa/router';
import multer from '@koa/multer';

const upload = multer({ storage: multer.memoryStorage() });
export const router = new Router();
router.post('/avatars', upload.single('avatar'), async (ctx) => {
  ctx.body = { size: ctx.file.size };
});
`,
      errors: [
        fileSizeError(4, 16, `import Router from '@koa/router';
import multer from '@koa/multer';

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024 } });
export const router = new Router();
router.post('/avatars', upload.single('avatar'), async (ctx) => {
  ctx.body = { size: ctx.file.size };
});
`),
      ],
    },
  ],
});
