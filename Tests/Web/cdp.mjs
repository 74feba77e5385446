// A small Chrome DevTools Protocol client for Tests/Web/browser-play.mjs: it starts headless Chromium with
// its own profile folder, finds its debugging port (the DevToolsActivePort file), opens one page target and
// sends commands to it over the WebSocket that node 20 has behind --experimental-websocket. No npm package.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A running headless Chromium and one page in it. */
export class Browser {
  static async launch({ executable = "/usr/bin/chromium", startupSeconds = 20 } = {}) {
    const profile = mkdtempSync(join(tmpdir(), "practicum-chromium-"));
    const child = spawn(
      executable,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
        "--disable-extensions", "--disable-background-networking", "--disable-sync", "--hide-scrollbars",
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => { stderr = (stderr + chunk).slice(-4000); });
    const portFile = join(profile, "DevToolsActivePort");
    const deadline = Date.now() + startupSeconds * 1000;
    while (!existsSync(portFile) || readFileSync(portFile, "utf8").split("\n").length < 2) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill("SIGKILL");
        rmSync(profile, { recursive: true, force: true });
        throw new Error(`Chromium did not start (no DevToolsActivePort after ${startupSeconds} s): ${stderr}`);
      }
      await sleep(50);
    }
    const [port, path] = readFileSync(portFile, "utf8").split("\n");
    const browser = new Browser(child, profile);
    await browser.connect(`ws://127.0.0.1:${port.trim()}${path.trim()}`);
    return browser;
  }

  constructor(child, profile) {
    this.child = child;
    this.profile = profile;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
  }

  async connect(url) {
    this.socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      this.socket.addEventListener("open", resolve, { once: true });
      this.socket.addEventListener("error", () => reject(new Error(`cannot connect to ${url}`)), { once: true });
    });
    this.socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data);
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting.resolve(message.result);
      } else {
        for (const listener of [...this.listeners]) listener(message);
      }
    });
  }

  /** Sends a command (to the page's session when `sessionId` is given) and waits for its answer. */
  send(method, params = {}, sessionId = undefined, timeoutMs = 15000) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (value) => { clearTimeout(timer); resolve(value); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      });
      this.socket.send(JSON.stringify(message));
    });
  }

  /** Calls `listener(message)` for every event; returns a function that stops it. */
  on(listener) {
    this.listeners.push(listener);
    return () => { this.listeners = this.listeners.filter((item) => item !== listener); };
  }

  /** Opens a new page target and returns a `Page` attached to it. */
  async newPage() {
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    return new Page(this, targetId, sessionId);
  }

  async close() {
    try { this.socket?.close(); } catch {}
    if (this.child.exitCode === null) {
      this.child.kill("SIGTERM");
      for (let i = 0; i < 40 && this.child.exitCode === null; i++) await sleep(50);
      if (this.child.exitCode === null) this.child.kill("SIGKILL");
    }
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** One page (tab): commands go to its session; its events can be awaited. */
export class Page {
  constructor(browser, targetId, sessionId) {
    this.browser = browser;
    this.targetId = targetId;
    this.sessionId = sessionId;
  }

  send(method, params = {}, timeoutMs) {
    return this.browser.send(method, params, this.sessionId, timeoutMs);
  }

  /** Calls `listener(method, params)` for this page's events; returns a function that stops it. */
  on(listener) {
    return this.browser.on((message) => {
      if (message.sessionId === this.sessionId) listener(message.method, message.params);
    });
  }

  /** A promise of the next event named `method` (rejects after `timeoutMs`). Make it before the action. */
  next(method, timeoutMs = 15000) {
    let stop;
    const promise = new Promise((resolve, reject) => {
      const timer = setTimeout(() => { stop(); reject(new Error(`no ${method} in ${timeoutMs} ms`)); }, timeoutMs);
      stop = this.on((name, params) => {
        if (name === method) { clearTimeout(timer); stop(); resolve(params); }
      });
    });
    return promise;
  }

  /** Evaluates an expression in the page and returns its value (JSON-able values only). */
  async evaluate(expression) {
    const { result, exceptionDetails } = await this.send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(`evaluate failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  async close() {
    await this.browser.send("Target.closeTarget", { targetId: this.targetId }).catch(() => {});
  }
}
