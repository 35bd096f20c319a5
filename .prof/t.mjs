import {spawnSync} from 'node:child_process';
const cases = JSON.parse(process.argv[2]);
const n = 15; const res = {};
for (let i=0;i<n;i++) for (const [name, args] of Object.entries(cases)) { const s=performance.now(); spawnSync(process.execPath, args, {stdio:'ignore'}); (res[name]??=[]).push(performance.now()-s); }
for (const [k,v] of Object.entries(res)) { v.sort((a,b)=>a-b); console.log(k.padEnd(20), v[Math.floor(n/2)].toFixed(1)); }
