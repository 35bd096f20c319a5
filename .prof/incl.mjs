import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2])); const re = new RegExp(process.argv[3]);
const byId = new Map(p.nodes.map(n=>[n.id,n])); const parent = new Map(); for (const n of p.nodes) for (const c of n.children||[]) parent.set(c, n.id);
const incl = new Map(); const callers = new Map();
for (let i=0;i<p.samples.length;i++){ const d=p.timeDeltas[i]||0; let id=p.samples[i]; const seen=new Set(); let prev=null;
  while(id){ const c=byId.get(id).callFrame; const k=`${c.functionName||'(anon)'} ${c.url.replace(/.*\//,'')}:${c.lineNumber+1}`; if(!seen.has(k)){seen.add(k); incl.set(k,(incl.get(k)||0)+d); if (re.test(k) && prev===null) {} } id=parent.get(id);} }
for (const [k,v] of [...incl].filter(([k])=>re.test(k)).sort((a,b)=>b[1]-a[1]).slice(0,25)) console.log((v/1000).toFixed(1).padStart(7),k);
