// Plays a `practicum serve` session through headless Chromium as students and the instructor would, on a
// 360x800 phone (touch) and a 1280x900 desktop, and saves screenshots. Started by Tests/Web/browser-play.sh,
// which makes the session and starts the server; see there. Exits non-zero with a message at the first step
// that does not find what it expects, at horizontal scroll on the phone, at a console error or CSP violation,
// or at a focused element without a visible outline.
//
//   node --experimental-websocket browser-play.mjs CONFIG.json
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Browser } from "./cdp.mjs";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { url, token, students, preferred, reflection, outDir } = config;
const base = url.replace(/\/$/, "");
mkdirSync(outDir, { recursive: true });

class StepFailure extends Error {}
const fail = (message) => { throw new StepFailure(message); };
const log = (line) => console.log(`    ${line}`);

const viewports = [
  { name: "phone", width: 360, height: 800, mobile: true, touch: true, shotHeight: 1400 },
  { name: "desktop", width: 1280, height: 900, mobile: false, touch: false, shotHeight: 1100 },
];

/** One page at one viewport, with the checks every page load gets. */
class Visitor {
  constructor(page, viewport) {
    this.page = page;
    this.viewport = viewport;
    this.problems = [];
    this.page.on((method, params) => {
      if (method === "Runtime.consoleAPICalled" && ["error", "assert"].includes(params.type)) {
        this.problems.push(`console ${params.type}: ${params.args.map((arg) => arg.value ?? arg.description).join(" ")}`);
      } else if (method === "Runtime.exceptionThrown") {
        this.problems.push(`exception: ${params.exceptionDetails.text}`);
      } else if (method === "Log.entryAdded") {
        const entry = params.entry;
        if (entry.level === "error" || /Content Security Policy/i.test(entry.text)) {
          this.problems.push(`console ${entry.source} ${entry.level}: ${entry.text}${entry.url ? ` (${entry.url})` : ""}`);
        }
      }
    });
  }

  async setUp() {
    await this.page.send("Page.enable");
    await this.page.send("Runtime.enable");
    await this.page.send("Log.enable");
    const { width, height, mobile } = this.viewport;
    await this.page.send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile });
    if (this.viewport.touch) await this.page.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
  }

  eval(expression) { return this.page.evaluate(expression); }

  /** Runs `action` and waits for the page it leads to, then checks that page. */
  async navigating(action, what) {
    const loaded = this.page.next("Page.loadEventFired", 15000);
    await action();
    try {
      await loaded;
    } catch {
      fail(`${what}: no page loaded`);
    }
    await this.checkPage(what);
  }

  async goto(path, what) {
    await this.navigating(() => this.page.send("Page.navigate", { url: base + path }), what);
  }

  /** After every load: no console problem, no horizontal scroll at a phone's width. */
  async checkPage(what) {
    await new Promise((resolve) => setTimeout(resolve, 50));  // let late console messages arrive
    if (this.problems.length) fail(`${what}: ${this.problems.join("; ")}`);
    const widths = await this.eval("({ scroll: document.documentElement.scrollWidth, inner: innerWidth })");
    if (widths.scroll > widths.inner) {
      const wide = await this.eval(`[...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
        .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : "")).join(", ")`);
      fail(`${what}: the page scrolls sideways at ${this.viewport.width} px (scrollWidth ${widths.scroll}): ${wide}`);
    }
  }

  /** The text of the first element matching `selector`, or fails. */
  async text(selector, what) {
    const text = await this.eval(`document.querySelector(${JSON.stringify(selector)})?.innerText ?? null`);
    if (text === null) fail(`${what}: no ${selector} on ${await this.eval("location.pathname")}`);
    return text.trim();
  }

  async expectHeading(expected, what) {
    const heading = await this.text("h1", what);
    if (!heading.includes(expected)) fail(`${what}: the page's heading is "${heading}", expected "${expected}"`);
  }

  /** Where to tap or click an element (the one `expression` finds), scrolled into view; fails when it is not
   *  there, has no size, or something else lies on top of its centre. */
  async pointAt(expression, what) {
    const point = await this.eval(`(() => {
      const element = ${expression};
      if (!element) return null;
      element.scrollIntoView({ block: "center", inline: "center" });
      const box = element.getBoundingClientRect();
      const x = box.left + box.width / 2, y = box.top + box.height / 2;
      const hit = document.elementFromPoint(x, y);
      return { x, y, width: box.width, height: box.height, hits: !!hit && (hit === element || element.contains(hit)) };
    })()`);
    if (!point) fail(`${what}: not on the page (${expression})`);
    if (point.width < 1 || point.height < 1) fail(`${what}: has no size`);
    if (!point.hits) fail(`${what}: something covers it`);
    if (this.viewport.touch && point.height < 44) fail(`${what}: only ${point.height} px tall, under 44 px for a finger`);
    return point;
  }

  /** A tap on the phone, a mouse click on the desktop. */
  async press(expression, what) {
    const { x, y } = await this.pointAt(expression, what);
    if (this.viewport.touch) {
      // A finger's tap: touch start and end at one point (the browser then sends the mouse events and click).
      await this.page.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
      await this.page.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    } else {
      await this.page.send("Input.dispatchMouseEvent", { type: "mouseMoved", x, y });
      await this.page.send("Input.dispatchMouseEvent", { type: "mousePressed", x, y, button: "left", clickCount: 1 });
      await this.page.send("Input.dispatchMouseEvent", { type: "mouseReleased", x, y, button: "left", clickCount: 1 });
    }
  }

  /** The field a `<label>` with this text names (through its `for`). */
  static labelled(label) {
    return `(() => { const label = [...document.querySelectorAll("label")].find((l) => l.innerText.trim().startsWith(${JSON.stringify(label)}));
      return label ? document.getElementById(label.htmlFor) : null; })()`;
  }

  static button(label) {
    return `[...document.querySelectorAll("button, a.button")].find((b) => b.innerText.trim() === ${JSON.stringify(label)})`;
  }

  /** Taps the field a label names and types into it. */
  async type(label, text, what) {
    await this.press(Visitor.labelled(label), `${what}: the field labelled "${label}"`);
    let focused = false;
    for (let i = 0; i < 20 && !focused; i++) {
      focused = await this.eval(`document.activeElement === ${Visitor.labelled(label)}`);
      if (!focused) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!focused) fail(`${what}: tapping the field labelled "${label}" did not focus it`);
    await this.page.send("Input.insertText", { text });
  }

  async key(key, code, keyCode, text) {
    await this.page.send("Input.dispatchKeyEvent", { type: text ? "keyDown" : "rawKeyDown", key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode, text });
    await this.page.send("Input.dispatchKeyEvent", { type: "keyUp", key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode });
  }

  /** Presses Tab until `expression`'s element has the focus (at most `limit` times); every element focused on
   *  the way must show an outline. */
  async tabTo(expression, what, limit = 60) {
    for (let i = 0; i < limit; i++) {
      await this.key("Tab", "Tab", 9);
      const focus = await this.eval(`(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        return { tag: element.tagName.toLowerCase(), label: (element.innerText || element.value || "").trim().slice(0, 40),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2, target: element === ${expression} };
      })()`);
      if (focus && !focus.outline) fail(`${what}: the focused ${focus.tag} "${focus.label}" shows no outline`);
      if (focus?.target) return i + 1;
    }
    fail(`${what}: ${limit} presses of Tab never reached it`);
  }

  async screenshot(name, { from } = {}) {
    const size = await this.eval("({ height: Math.ceil(document.body.getBoundingClientRect().bottom + scrollY) })");
    let top = 0;
    if (from) top = Math.max(0, Math.floor(await this.eval(`document.querySelector(${JSON.stringify(from)}).getBoundingClientRect().top + scrollY - 16`)));
    await this.eval("scrollTo(0, 0)");
    const height = Math.min(size.height - top, this.viewport.shotHeight);
    const { data } = await this.page.send("Page.captureScreenshot", {
      format: "png", captureBeyondViewport: true, clip: { x: 0, y: top, width: this.viewport.width, height, scale: 1 },
    });
    const file = join(outDir, `${this.viewport.name}-${name}.png`);
    writeFileSync(file, Buffer.from(data, "base64"));
    log(`saved ${file}`);
  }
}

/** A student signs in, reads the warning, plays the case through to the debrief, and signs out. */
async function playAsStudent(visitor, student, keyboardKey) {
  const name = visitor.viewport.name;
  await visitor.goto("/", `${name}: the start page`);
  await visitor.expectHeading("Sign in", `${name}: the start page`);
  await visitor.screenshot("1-sign-in");
  await visitor.type("Student id", student.id, `${name}: sign-in`);
  await visitor.type("Code", student.code, `${name}: sign-in`);
  await visitor.navigating(() => visitor.press(Visitor.button("Sign in"), `${name}: the Sign in button`), `${name}: signing in`);
  await visitor.expectHeading("Your cases", `${name}: after signing in`);
  const status = await visitor.text("[role=status]", `${name}: after signing in`);
  if (!status.includes("You are signed in")) fail(`${name}: after signing in the status says "${status}"`);
  log(`${student.id} signed in`);

  await visitor.navigating(() => visitor.press(`document.querySelector("ul.cases a")`, `${name}: the case's link`), `${name}: opening the case`);
  const warning = await visitor.text("section.warning", `${name}: the case's front page (its content warning)`);
  if (!/suicide/i.test(warning)) fail(`${name}: the content warning says "${warning}"`);
  log(`content warning: ${warning.replace(/\s+/g, " ")}`);
  await visitor.screenshot("2-content-warning");
  await visitor.navigating(() => visitor.press(Visitor.button("Start the case"), `${name}: Start the case`), `${name}: starting the case`);

  let keyboardDone = false, reflected = false, steps = 0;
  for (; steps < 40; steps++) {
    const where = await visitor.eval("location.pathname");
    if (where.endsWith("/debrief")) break;
    if (!where.endsWith("/play")) fail(`${name}: expected the play page or the debrief, got ${where}`);
    const scene = await visitor.eval(`({ choices: [...document.querySelectorAll("button[name=choice]")].map((b) => b.value),
      reflection: !!document.querySelector("textarea#reflection"), step: document.querySelector("input[name=step]")?.value })`);
    if (!scene.choices.length) fail(`${name}: the play page at step ${steps + 1} offers no choice`);
    const pick = scene.choices.find((id) => preferred.includes(id)) ?? scene.choices[0];
    if (steps === 2) await visitor.screenshot("3-scene");
    const chosen = `document.querySelector(${JSON.stringify(`button[name=choice][value="${pick}"]`)})`;
    const what = `${name}: step ${steps + 1}, choice ${pick}`;
    if (scene.reflection) {
      await visitor.type("What must", reflection, `${name}: the reflection`);
      await visitor.screenshot("4-reflection", { from: "label[for=reflection]" });
      reflected = true;
      await visitor.navigating(() => visitor.press(chosen, what), what);
    } else if (!keyboardDone && steps >= 1) {
      // Keyboard only: Tab to the choice (every stop showing its focus ring), then Space or Enter.
      await visitor.eval("document.activeElement?.blur(); scrollTo(0, 0)");
      const tabs = await visitor.tabTo(chosen, `${what} (keyboard)`);
      await visitor.navigating(() => keyboardKey === "Enter" ? visitor.key("Enter", "Enter", 13, "\r") : visitor.key(" ", "Space", 32, " "), `${what} (keyboard)`);
      log(`step ${steps + 1} by keyboard: ${tabs} Tab, then ${keyboardKey === "Enter" ? "Enter" : "Space"}`);
      keyboardDone = true;
    } else {
      await visitor.navigating(() => visitor.press(chosen, what), what);
    }
    const after = await visitor.eval("location.pathname");
    if (after.endsWith("/play")) {
      const status = await visitor.text("[role=status]", what);
      if (!status.includes("Your choice is saved")) fail(`${what}: the status says "${status}", not that the choice is saved`);
      const step = await visitor.eval(`document.querySelector("input[name=step]")?.value`);
      if (step !== undefined && step !== null && Number(step) <= Number(scene.step)) fail(`${what}: the page did not move on (step ${step})`);
    }
  }
  if (steps >= 40) fail(`${name}: no ending after 40 choices`);
  if (!keyboardDone) fail(`${name}: the case ended before a step could be played by keyboard`);
  if (!reflected) fail(`${name}: no scene asked for a reflection on this path`);
  const ended = await visitor.text("main", `${name}: the ending`);
  if (!/The case has ended/.test(ended)) fail(`${name}: the ending page does not say how the case ended`);
  await visitor.text("#debrief", `${name}: the debrief`);
  if (!ended.includes(reflection.slice(0, 30))) fail(`${name}: the debrief does not show the student's reflection`);
  log(`${steps} choices to the ending; the debrief shows "${(await visitor.eval(`document.querySelector("#debrief + p")?.innerText`)) ?? ""}"`);
  await visitor.screenshot("5-ending-and-debrief");
  await visitor.screenshot("6-debrief", { from: "#debrief" });

  await visitor.navigating(() => visitor.press(Visitor.button("Sign out"), `${name}: Sign out`), `${name}: signing out`);
  await visitor.expectHeading("Sign in", `${name}: after signing out`);
  log(`${student.id} signed out`);
}

/** The instructor signs in with the token and sees the class; then signs out. */
async function visitAsInstructor(visitor) {
  const name = visitor.viewport.name;
  await visitor.goto("/instructor", `${name}: the instructor's page`);
  await visitor.expectHeading("Instructor sign-in", `${name}: the instructor's page`);
  await visitor.type("Instructor token", token, `${name}: instructor sign-in`);
  await visitor.navigating(() => visitor.press(Visitor.button("Sign in"), `${name}: the instructor's Sign in button`), `${name}: instructor signing in`);
  await visitor.expectHeading("Class:", `${name}: the instructor's page`);
  const table = await visitor.text("#class-table tbody", `${name}: the class table`);
  for (const student of students) {
    if (!table.includes(student.id)) fail(`${name}: the class table has no row for ${student.id}`);
  }
  const done = (table.match(/Done/g) ?? []).length;
  log(`the class table: ${done} done of ${students.length}`);
  await visitor.screenshot("7-instructor");
  await visitor.navigating(() => visitor.press(Visitor.button("Sign out of the instructor's page"), `${name}: instructor sign-out`), `${name}: instructor signing out`);
  await visitor.expectHeading("Instructor sign-in", `${name}: after the instructor signs out`);
}

const browser = await Browser.launch({ executable: config.chromium });
let status = 0;
try {
  for (const [index, viewport] of viewports.entries()) {
    console.log(`==> a student on the ${viewport.name} (${viewport.width}x${viewport.height}${viewport.touch ? ", touch" : ""})`);
    const visitor = new Visitor(await browser.newPage(), viewport);
    await visitor.setUp();
    await playAsStudent(visitor, students[index], index === 0 ? "Space" : "Enter");
    await visitor.page.close();
  }
  for (const viewport of viewports) {
    console.log(`==> the instructor on the ${viewport.name}`);
    const visitor = new Visitor(await browser.newPage(), viewport);
    await visitor.setUp();
    await visitAsInstructor(visitor);
    await visitor.page.close();
  }
  console.log("==> OK: both students played the case through, the instructor saw the class");
} catch (error) {
  console.error(error instanceof StepFailure ? `FAILED: ${error.message}` : `FAILED: ${error.stack ?? error}`);
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
