// The unpaired screen asks every few seconds whether an Admin entered its code. Paired: the answer
// carried its credential (an HttpOnly cookie), so a full navigation to its view follows. Expired or
// refused: a reload shows a new code. Rate-limited: try again in a minute.
const page = document.getElementById("screen-pairing");
const every = Number(page.dataset.pollMs) || 2000;

async function poll() {
  try {
    const response = await fetch(page.dataset.poll, { cache: "no-store", credentials: "same-origin" });
    const answer = await response.json();
    if (answer.state === "paired") {
      location.replace(answer.go || "/wall");
      return;
    }
    if (answer.state === "gone") {
      location.reload();
      return;
    }
  } catch {
    // Server unreachable: keep the code on screen and ask again.
  }
  setTimeout(poll, every);
}

if (page.dataset.state === "limited") {
  setTimeout(() => location.reload(), 60000);
} else {
  setTimeout(poll, every);
}
