// electron-builder.yml: valid against electron-builder's own schema, with the targets, identity
// and native-module handling issue #2 asks for.
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/paths';

const config = load(fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's configuration schema", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('builds OncoFlow as mx.imss.oncoflow: AppImage and deb for Linux, NSIS for Windows', () => {
    expect(config.appId).toBe('mx.imss.oncoflow');
    expect(config.productName).toBe('OncoFlow');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
  });

  it('packages dist and package.json, rebuilds native modules for Electron and unpacks better-sqlite3', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**']));
    expect(fs.existsSync(path.join(REPO_ROOT, config.linux.icon))).toBe(true);
  });
});
