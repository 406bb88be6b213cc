// Personal links: select the whole link when the field gets focus, ready to copy.
document.querySelectorAll("input.copy-source").forEach((input) => {
  input.addEventListener("focus", () => input.select());
});
