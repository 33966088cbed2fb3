// A booking rush against a --dev server on loopback: N citizens log in, then all book at
// once on a handful of slots. Prints bookings made versus capacity, errors and latency.
// Usage: node scripts/booking-rush.mjs BASE_URL [citizens=300] [slots=3]
//
// Each citizen is one phone: its own keep-alive connection, opened when it logs in, as a
// phone that has the slot page open already has one. The rush then measures the bookings,
// not 300 connection set-ups at once in this one Node process (which, with fetch, cost this
// 2-core machine more than the server's answers did).
import http from 'node:http';

const [base, citizensArg = '300', slotsArg = '3'] = process.argv.slice(2);
const N = Number(citizensArg);
const SLOTS = Number(slotsArg);

/** One request on `agent`: resolves with the status, the headers and the parsed body. A
 * kept-alive connection the server closed meanwhile (it ends idle ones after its header-read
 * timeout, which 300 logins on a busy machine can outlast) is retried once on a new one, as
 * Node's documentation advises; every write here is safe to repeat (Idempotency-Key). */
function request(agent, method, path, options = {}, retried = false) {
  return once(agent, method, path, options).catch((err) => {
    if (!retried && err.reusedSocket && err.code === 'ECONNRESET') {
      return request(agent, method, path, options, true);
    }
    throw err;
  });
}

function once(agent, method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(`${base}${path}`, {
      method,
      agent,
      headers: payload === undefined ? headers : { 'content-type': 'application/json', ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, headers: res.headers, body: json });
      });
      res.on('error', reject);
    });
    req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    req.end(payload);
  });
}

async function login(agent, phone) {
  let res = await request(agent, 'POST', '/api/v1/auth/sms-codes', { body: { phone } });
  if (res.status !== 202) throw new Error(`sms ${res.status} ${JSON.stringify(res.body)}`);
  const { code } = (await request(agent, 'GET', `/api/v1/dev/sms-codes/latest?phone=${phone}`)).body;
  res = await request(agent, 'POST', '/api/v1/auth/sessions', { body: { phone, code } });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return res.headers['set-cookie'][0].split(';')[0];
}

async function findSlots(agent) {
  for (let i = 1; i <= 14; i++) {
    const d = new Date(Date.now() + 8 * 3600e3 + i * 86400e3).toISOString().slice(0, 10);
    const page = (await request(agent, 'GET', `/api/v1/halls/city-centre/slots?category=zonghe&date=${d}`)).body;
    const open = page.items.filter((s) => s.open && s.remaining > 0);
    if (open.length >= SLOTS) return open.slice(0, SLOTS);
  }
  throw new Error('no bookable day found');
}

const citizens = [];
for (let i = 0; i < N; i++) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  citizens.push({ agent, cookie: await login(agent, `135${String(10000000 + i).slice(-8)}`) });
}
const slots = await findSlots(citizens[0].agent);
const capacity = slots.reduce((n, s) => n + s.remaining, 0);

const latencies = [];
const outcome = { booked: 0, full: 0, other4xx: 0, errors5xx: 0, failed: 0 };
const run = Date.now();
await Promise.all(citizens.map(async ({ agent, cookie }, i) => {
  const started = performance.now();
  try {
    const res = await request(agent, 'POST', '/api/v1/appointments', {
      headers: { 'idempotency-key': `rush-${i}-${run}`, cookie },
      body: { slot_id: slots[i % SLOTS].id },
    });
    latencies.push(performance.now() - started);
    if (res.status === 201) outcome.booked++;
    else if (res.status === 409 && res.body?.error?.code === 'slot_full') outcome.full++;
    else if (res.status >= 500) outcome.errors5xx++;
    else outcome.other4xx++;
  } catch {
    outcome.failed++;
  }
}));
for (const { agent } of citizens) agent.destroy();
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
console.log(`booking rush: ${N} citizens at once on ${SLOTS} slots of ${slots[0].id.split('~').slice(0, 3).join(' ')}`);
console.log(`  capacity ${capacity}, booked ${outcome.booked}, slot_full ${outcome.full}, other 4xx ${outcome.other4xx}, 5xx ${outcome.errors5xx}, failed ${outcome.failed}`);
console.log(`  latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
const clean = outcome.booked === capacity && outcome.full === N - capacity;
if (!clean) process.exit(1);
