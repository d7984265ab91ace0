// Upload parsers beyond multer and busboy that buffer files of any size by default: express-fileupload, and
// multer's Koa wrappers (@koa/multer, koa-multer), which take multer's options.
import rule from '../../rules/no-unbounded-parse.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

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
  ],
  invalid: [
    {
      name: 'express-fileupload with no options',
      code: `import express from 'express';
import fileUpload from 'express-fileupload';

export const app = express();
app.use(fileUpload());
`,
      errors: [
        {
          messageId: 'uploadWithoutFileSize',
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'addFileSizeLimit',
              output: `import express from 'express';
import fileUpload from 'express-fileupload';

export const app = express();
app.use(fileUpload({ limits: { fileSize: 10 * 1024 * 1024 } }));
`,
            },
          ],
        },
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
        {
          messageId: 'uploadWithoutFileSize',
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'addFileSizeLimit',
              output: `const express = require('express');
const fileUpload = require('express-fileupload');

const app = express();
app.use(fileUpload({ useTempFiles: true, tempFileDir: '/tmp/', limits: { fileSize: 10 * 1024 * 1024 } }));
module.exports = app;
`,
            },
          ],
        },
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
        {
          messageId: 'uploadWithoutFileSize',
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: 'addFileSizeLimit',
              output: `import Router from '@koa/router';
import multer from '@koa/multer';

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 10 * 1024 * 1024 } });
export const router = new Router();
router.post('/avatars', upload.single('avatar'), async (ctx) => {
  ctx.body = { size: ctx.file.size };
});
`,
            },
          ],
        },
      ],
    },
  ],
});
