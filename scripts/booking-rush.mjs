// A booking rush against a --dev server on loopback: N citizens log in, then all book at
// once on a handful of slots. Prints bookings made versus capacity, errors and latency.
// Usage: node scripts/booking-rush.mjs BASE_URL [citizens=300] [slots=3]
const [base, citizensArg = '300', slotsArg = '3'] = process.argv.slice(2);
const N = Number(citizensArg);
const SLOTS = Number(slotsArg);

async function json(res) {
  try { return await res.json(); } catch { return null; }
}

async function login(phone) {
  const headers = { 'content-type': 'application/json' };
  let res = await fetch(`${base}/api/v1/auth/sms-codes`, { method: 'POST', headers, body: JSON.stringify({ phone }) });
  if (res.status !== 202) throw new Error(`sms ${res.status} ${JSON.stringify(await json(res))}`);
  const { code } = await (await fetch(`${base}/api/v1/dev/sms-codes/latest?phone=${phone}`)).json();
  res = await fetch(`${base}/api/v1/auth/sessions`, { method: 'POST', headers, body: JSON.stringify({ phone, code }) });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return res.headers.get('set-cookie').split(';')[0];
}

async function findSlots() {
  for (let i = 1; i <= 14; i++) {
    const d = new Date(Date.now() + 8 * 3600e3 + i * 86400e3).toISOString().slice(0, 10);
    const page = await (await fetch(`${base}/api/v1/halls/city-centre/slots?category=zonghe&date=${d}`)).json();
    const open = page.items.filter((s) => s.open && s.remaining > 0);
    if (open.length >= SLOTS) return open.slice(0, SLOTS);
  }
  throw new Error('no bookable day found');
}

const slots = await findSlots();
const capacity = slots.reduce((n, s) => n + s.remaining, 0);
const cookies = [];
for (let i = 0; i < N; i++) cookies.push(await login(`135${String(10000000 + i).slice(-8)}`));

const latencies = [];
const outcome = { booked: 0, full: 0, other4xx: 0, errors5xx: 0, failed: 0 };
await Promise.all(cookies.map(async (cookie, i) => {
  const started = performance.now();
  try {
    const res = await fetch(`${base}/api/v1/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `rush-${i}-${Date.now()}`, cookie },
      body: JSON.stringify({ slot_id: slots[i % SLOTS].id }),
    });
    latencies.push(performance.now() - started);
    if (res.status === 201) outcome.booked++;
    else if (res.status === 409) outcome.full++;
    else if (res.status >= 500) outcome.errors5xx++;
    else outcome.other4xx++;
  } catch {
    outcome.failed++;
  }
}));
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
console.log(`booking rush: ${N} citizens at once on ${SLOTS} slots of ${slots[0].id.split('~').slice(0, 3).join(' ')}`);
console.log(`  capacity ${capacity}, booked ${outcome.booked}, slot_full ${outcome.full}, other 4xx ${outcome.other4xx}, 5xx ${outcome.errors5xx}, failed ${outcome.failed}`);
console.log(`  latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
if (outcome.booked !== capacity || outcome.errors5xx > 0) process.exit(1);
