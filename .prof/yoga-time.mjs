const t0 = performance.now();
const m = await import('yoga-layout/load');
const t1 = performance.now();
const y = await m.loadYoga();
const t2 = performance.now();
console.log('import', (t1-t0).toFixed(1), 'instantiate', (t2-t1).toFixed(1), 'process uptime', (process.uptime()*1000).toFixed(0));
