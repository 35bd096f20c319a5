import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2]));
const bucket = Number(process.argv[3]||10)*1000;
const byId = new Map(p.nodes.map(n=>[n.id,n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children||[]) parent.set(c, n.id);
let t = p.startTime; const buckets = new Map();
for (let i=0;i<p.samples.length;i++){ t += p.timeDeltas[i]; const b = Math.floor((t-p.startTime)/bucket);
  // describe by the first frame in the stack with a url in dist or a notable node internal
  let id = p.samples[i]; let label=null; let leaf = byId.get(id).callFrame;
  while (id) { const cf = byId.get(id).callFrame; if (cf.url && cf.url.includes('dist/')) { label = cf.url.replace(/.*\//,''); break;} id = parent.get(id); }
  label = (label||'') + ' | ' + (leaf.functionName||'(anon)') + ' ' + (leaf.url||'').replace(/.*\//,'');
  const m = buckets.get(b) || new Map(); m.set(label,(m.get(label)||0)+ (p.timeDeltas[i]||0)); buckets.set(b,m);
}
for (const [b,m] of [...buckets].sort((a,b)=>a[0]-b[0])) { const top=[...m].sort((a,b)=>b[1]-a[1]).slice(0,3).map(([l,v])=>`${(v/1000).toFixed(1)} ${l}`); console.log(String(b*bucket/1000).padStart(4), top.join(' ;; ')); }
