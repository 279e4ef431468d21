// The playground's only script: send what the person types or clicks, show what comes back.
// The server renders every message to escaped HTML; text from the page goes in via textContent.
const log = document.getElementById("log");
const person = document.getElementById("person");
const composer = document.getElementById("composer");
const input = document.getElementById("text");
const youLabel = document.getElementById("you-label").textContent;

async function call(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ personId: person.value, ...body }),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data.items;
}

function showYou(text) {
  const bubble = document.createElement("div");
  bubble.className = "msg you";
  const who = document.createElement("div");
  who.className = "who";
  who.textContent = youLabel;
  const body = document.createElement("div");
  body.textContent = text;
  bubble.append(who, body);
  log.append(bubble);
}

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content;
}

/** Applies the server's items; `origin` is the message or form the request came from. */
function apply(items, origin) {
  let formErrors = null;
  for (const item of items) {
    if (item.type === "append") log.append(fragment(item.html));
    else if (item.type === "update" && origin && origin.matches("[data-message]")) origin.replaceWith(fragment(item.html));
    else if (item.type === "update") log.append(fragment(item.html));
    else if (item.type === "formErrors") formErrors = item.errors;
  }
  if (origin && origin.matches("form.chat-form")) {
    for (const slot of origin.querySelectorAll("[data-error-for]")) slot.textContent = "";
    if (formErrors) {
      for (const [field, message] of Object.entries(formErrors)) {
        const slot = origin.querySelector(`[data-error-for="${CSS.escape(field)}"]`) || origin.querySelector("[data-error-for]");
        if (slot) slot.textContent = message;
      }
    } else origin.remove();
  }
  log.scrollTop = log.scrollHeight;
  refreshInbox();
}

function showError(error) {
  const bubble = document.createElement("div");
  bubble.className = "msg bot error";
  bubble.textContent = error.message;
  log.append(bubble);
}

composer.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  showYou(text);
  try { apply(await call("/playground/text", { text })); } catch (error) { showError(error); }
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-action]");
  if (button) {
    const message = button.closest("[data-message]");
    button.disabled = true;
    try { apply(await call("/playground/action", { action: button.dataset.action, value: button.dataset.value }), message); }
    catch (error) { showError(error); }
    finally { button.disabled = false; }
    return;
  }
  const cancel = event.target.closest("button[data-cancel]");
  if (cancel) cancel.closest("form").remove();
});

log.addEventListener("submit", async (event) => {
  const form = event.target.closest("form.chat-form");
  if (!form) return;
  event.preventDefault();
  const values = {};
  for (const [name, value] of new FormData(form)) values[name] = String(value);
  try { apply(await call("/playground/form", { formId: form.dataset.formId, context: form.dataset.context, values }), form); }
  catch (error) { showError(error); }
});

async function refreshInbox() {
  const response = await fetch(`/playground/inbox?personId=${encodeURIComponent(person.value)}`);
  if (!response.ok) return;
  document.getElementById("inbox").innerHTML = (await response.json()).html;
}

person.addEventListener("change", () => { log.replaceChildren(); refreshInbox(); });
document.getElementById("refresh-inbox").addEventListener("click", refreshInbox);
if (person.value) refreshInbox();
// The outbox worker delivers direct messages in the background; look for new ones now and then.
setInterval(() => { if (!document.hidden && person.value) refreshInbox(); }, 5000);
