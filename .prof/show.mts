import {startFakeApi} from '../source/fake/server.js'; import {demoState, demoIds} from '../source/fake/demo-data.js'; import {spawnSync} from 'node:child_process';
const f = await startFakeApi({state: demoState()});
const r = spawnSync(process.execPath, ['dist/cli.js','show','--org',demoIds.acme.organization,'--connection','acme-okta','--json'], {env:{PATH:process.env.PATH, QOVERY_API_URL:f.url, QOVERY_API_TOKEN:'x', HOME:'/tmp/prof/h', QOVERY_SSO_CONFIG_DIR:'/tmp/prof/h'}, encoding:'utf8'});
console.log(r.status, r.stdout.slice(0,400), r.stderr.slice(0,300)); await f.close();
