// The simulator: show the latest message, as a phone does.
document.getElementById("chat").scrollTop = 1e9;
window.scrollTo(0, document.body.scrollHeight);
