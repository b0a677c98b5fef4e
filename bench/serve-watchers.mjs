// Part of bench:serve: a share of the signed-in people following the market's event stream, in a
// worker thread of their own, so that reading 200 streams does not queue behind one event loop and
// count as the server's delay. Plain node:http (undici's fetch costs more per chunk).
import { request } from "node:http";
import { parentPort, workerData } from "node:worker_threads";

const { url, cookies } = workerData;
const delays = [];
const steady = [];
let messages = 0;
let steadyFrom = Number.POSITIVE_INFINITY;
const requests = [];

for (const cookie of cookies) {
  const req = request(`${url}/api/events`, { headers: { cookie } }, (response) => {
    response.setEncoding("utf8");
    let buffer = "";
    response.on("data", (chunk) => {
      const arrived = Date.now();
      buffer += chunk;
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        if (!block.startsWith("id:") && !block.includes("event: market")) continue;
        if (!block.includes("event: market")) continue;
        messages++;
        const appended = /"appendedAt":(\d+)/.exec(block);
        if (!appended) continue;
        const at = Number(appended[1]);
        delays.push(arrived - at);
        if (at >= steadyFrom) steady.push(arrived - at);
      }
    });
    response.on("error", () => {});
  });
  req.on("error", () => {});
  req.end();
  requests.push(req);
}
parentPort.postMessage({ type: "connected" });
parentPort.on("message", (message) => {
  if (message.type === "steady-from") steadyFrom = message.at;
  if (message.type === "stop") {
    for (const req of requests) req.destroy();
    parentPort.postMessage({ type: "result", delays, steady, messages });
  }
});
