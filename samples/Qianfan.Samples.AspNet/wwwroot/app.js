'use strict';

// A multi-turn chat over the app's IChatClient endpoints. The conversation lives in this page (`history`) and goes
// to /api/chat/stream whole with each new message; the answer is appended piece by piece as its server-sent events
// arrive, a thinking model's reasoning in a folded <details> above it, and an error shows inline in the conversation.
const form = document.getElementById('chat-form');
const input = document.getElementById('message');
const send = document.getElementById('send');
const picker = document.getElementById('model');
const newChat = document.getElementById('new-chat');
const conversation = document.getElementById('conversation');
const status = document.getElementById('status');

// The turns the service has answered: { role: 'user' | 'assistant', text }. A turn that failed is shown, not kept.
const history = [];

function showStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function addTurn(role, text = '') {
  const item = document.createElement('li');
  item.className = `turn ${role}`;
  const body = document.createElement('div');
  body.className = 'text';
  body.textContent = text;
  item.append(body);
  conversation.append(item);
  item.scrollIntoView({ block: 'end' });
  return item;
}

// The folded reasoning of an answer, made when its first piece arrives.
function reasoningOf(item) {
  let details = item.querySelector('details.reasoning');
  if (!details) {
    details = document.createElement('details');
    details.className = 'reasoning';
    const summary = document.createElement('summary');
    summary.textContent = 'Reasoning';
    const text = document.createElement('div');
    text.className = 'reasoning-text';
    details.append(summary, text);
    item.prepend(details);
  }
  return details.querySelector('.reasoning-text');
}

function showError(item, text) {
  item.classList.add('failed');
  const error = document.createElement('div');
  error.className = 'error-text';
  error.textContent = text;
  item.append(error);
}

// A problem-details answer (400, 502 …) as one line for the user.
async function describeProblem(response) {
  try {
    const problem = await response.json();
    if (problem.errors) {
      return Object.values(problem.errors).flat().join(' ');
    }
    const code = problem.errorCode != null ? ` (error ${problem.errorCode})` : '';
    return `${problem.detail || problem.title || response.statusText}${code}`;
  } catch {
    return `HTTP ${response.status} ${response.statusText}`;
  }
}

// Calls onEvent(type, data) for each event of a text/event-stream body, as soon as it is complete.
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
          type = text;
        } else if (field === 'data') {
          data.push(text);
        }
      }
      if (data.length > 0) {
        onEvent(type, JSON.parse(data.join('\n')));
      }
    }
  }
}

async function loadModels() {
  const response = await fetch('api/models');
  const models = await response.json();
  const groups = {};
  for (const model of models) {
    const api = model.api.toUpperCase();
    if (!groups[api]) {
      groups[api] = document.createElement('optgroup');
      groups[api].label = api;
      picker.append(groups[api]);
    }
    const option = new Option(model.available ? model.label : `${model.label} (no credentials)`, model.id);
    option.disabled = !model.available;
    groups[api].append(option);
  }
  const first = models.find((m) => m.available);
  if (first) {
    picker.value = first.id;
  }
}

newChat.addEventListener('click', () => {
  history.length = 0;
  conversation.replaceChildren();
  showStatus('');
  input.focus();
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const message = input.value;
  const userTurn = addTurn('user', message);
  const answer = addTurn('assistant');
  const text = answer.querySelector('.text');
  showStatus('Waiting for the answer…');
  send.disabled = true;
  input.value = '';
  let failed = null;
  try {
    const response = await fetch('api/chat/stream', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream, application/problem+json' },
      body: JSON.stringify({ model: picker.value, messages: history, message }),
    });
    if (!response.ok) {
      failed = await describeProblem(response);
      return;
    }
    let finished = false;
    await readEvents(response.body, (type, data) => {
      if (type === 'message') {
        text.textContent += data.text;
        showStatus('Answering…');
      } else if (type === 'reasoning') {
        reasoningOf(answer).textContent += data.text;
        showStatus('Thinking…');
      } else if (type === 'error') {
        const code = data.errorCode != null ? ` (error ${data.errorCode})` : '';
        failed = `The answer broke off: ${data.message}${code}`;
        finished = true;
      } else if (type === 'done') {
        const tokens = data.usage && data.usage.totalTokens != null ? ` · ${data.usage.totalTokens} tokens` : '';
        showStatus(`Done${tokens}`);
        finished = true;
      }
    });
    if (!finished) {
      failed = 'The answer broke off.';
    }
  } catch (error) {
    failed = `The request failed: ${error.message}`;
  } finally {
    if (failed) {
      // Shown where it happened; the failed turn stays out of the history, so the next message starts clean.
      showError(answer, failed);
      userTurn.classList.add('failed');
      showStatus(failed, true);
    } else {
      history.push({ role: 'user', text: message }, { role: 'assistant', text: text.textContent });
    }
    send.disabled = false;
    input.focus();
  }
});

loadModels().catch((error) => showStatus(`The models could not be loaded: ${error.message}`, true));
