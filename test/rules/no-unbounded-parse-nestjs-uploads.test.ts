// NestJS's file interceptors (`@nestjs/platform-express`) run multer with the module's options
// (`MulterModule.register(...)`, usually in another file) spread with their own. Options without `limits` keep the
// module's; a `limits` written at the interceptor replaces the module's and must cap the file size itself.
import rule from '../../rules/no-unbounded-parse.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

/** The finding at an upload parser configured without a file size, with its one suggestion's fixed source. */
const fileSizeError = (line: number, column: number, output: string) =>
  ({ messageId: 'uploadWithoutFileSize', line, column, suggestions: [{ messageId: 'addFileSizeLimit', output }] }) as const;

const controller = (interceptor: string): string => `import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor, FileInterceptor, FilesInterceptor } from '@nestjs/platform-express';

@Controller('documents')
export class DocumentsController {
  @Post()
  @UseInterceptors(${interceptor})
  upload(@UploadedFile() file: Express.Multer.File) {
    return { size: file.size };
  }
}
`;

ruleTester.run('no-unbounded-parse (NestJS file interceptors)', rule, {
  valid: [
    {
      name: "FileInterceptor without options: the module's limits apply (MulterModule.register in another file)",
      code: controller(`FileInterceptor('document')`),
    },
    {
      name: "FileInterceptor with options but no limits: the module's limits are kept",
      code: controller(`FileInterceptor('document', { dest: '/tmp/uploads' })`),
    },
    {
      name: 'FileInterceptor whose own limits cap the file size',
      code: controller(`FileInterceptor('document', { limits: { files: 1, fileSize: 20 * 1024 * 1024 } })`),
    },
    {
      name: 'FilesInterceptor (options third) whose own limits cap the file size',
      code: controller(`FilesInterceptor('pages', 20, { limits: { fileSize: 5_000_000 } })`),
    },
    {
      name: 'a FileInterceptor of another package (a look-alike name)',
      code: `import { Controller, Post, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from './interceptors/file.interceptor';

@Controller('documents')
export class DocumentsController {
  @Post()
  @UseInterceptors(FileInterceptor('document', { limits: { files: 1 } }))
  upload() {
    return { ok: true };
  }
}
`,
    },
  ],
  invalid: [
    {
      name: "FileInterceptor's own limits replace the module's and set no file size",
      code: controller(`FileInterceptor('document', { limits: { files: 1, fields: 4 } })`),
      errors: [
        fileSizeError(7, 20, controller(`FileInterceptor('document', { limits: { files: 1, fields: 4, fileSize: 10 * 1024 * 1024 } })`)),
      ],
    },
    {
      name: 'FilesInterceptor (options third) with limits that count files but not their size',
      code: controller(`FilesInterceptor('pages', 20, { limits: { files: 20 } })`),
      errors: [
        fileSizeError(7, 20, controller(`FilesInterceptor('pages', 20, { limits: { files: 20, fileSize: 10 * 1024 * 1024 } })`)),
      ],
    },
    {
      name: 'AnyFilesInterceptor with an infinite file size',
      code: controller(`AnyFilesInterceptor({ limits: { fileSize: Infinity } })`),
      errors: [
        fileSizeError(7, 20, controller(`AnyFilesInterceptor({ limits: { fileSize: 10 * 1024 * 1024 } })`)),
      ],
    },
  ],
});
