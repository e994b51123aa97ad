'use strict';

// Posts the message to /api/chat/stream and appends each piece of the answer as it arrives
// (server-sent events read from the response body with a stream reader).
const form = document.getElementById('chat-form');
const input = document.getElementById('message');
const send = document.getElementById('send');
const answer = document.getElementById('answer');
const status = document.getElementById('status');

function showStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
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

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  answer.textContent = '';
  showStatus('Waiting for the answer…');
  send.disabled = true;
  try {
    const response = await fetch('api/chat/stream', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream, application/problem+json' },
      body: JSON.stringify({ message: input.value }),
    });
    if (!response.ok) {
      showStatus(await describeProblem(response), true);
      return;
    }
    let finished = false;
    await readEvents(response.body, (type, data) => {
      if (type === 'message') {
        answer.textContent += data.text;
        showStatus('Answering…');
      } else if (type === 'error') {
        const code = data.errorCode != null ? ` (error ${data.errorCode})` : '';
        showStatus(`The answer broke off: ${data.message}${code}`, true);
        finished = true;
      } else if (type === 'done') {
        const tokens = data.usage ? ` · ${data.usage.total_tokens} tokens` : '';
        showStatus(`Done${tokens}`);
        finished = true;
      }
    });
    if (!finished) {
      showStatus('The answer broke off.', true);
    }
  } catch (error) {
    showStatus(`The request failed: ${error.message}`, true);
  } finally {
    send.disabled = false;
    input.focus();
  }
});
