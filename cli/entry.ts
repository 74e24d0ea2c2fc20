// Bundle entry for dist/cli.cjs: bin/oncoflow.cjs calls run().
export { run, main } from './main';
