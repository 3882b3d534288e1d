import { ApiError, api } from "../api";
import { esc } from "../html";
import { t } from "../i18n";
import type { Me } from "../types";

/** The sign-in form; resolves once the host accepted the credentials (and set the session cookie). */
export function signIn(root: HTMLElement): Promise<Me> {
  root.innerHTML = `<form class="signin" data-testid="signin">
    <h1>${esc(t("signin.title"))}</h1>
    <label>${esc(t("signin.user"))} <input name="user" autocomplete="username" data-testid="signin-user" required autofocus></label>
    <label>${esc(t("signin.password"))} <input name="password" type="password" autocomplete="current-password" data-testid="signin-password" required></label>
    <button type="submit" data-testid="signin-submit">${esc(t("signin.submit"))}</button>
    <p class="refusal" data-testid="signin-error" hidden></p>
  </form>`;
  const form = root.querySelector("form")!;
  const error = root.querySelector<HTMLElement>("[data-testid=signin-error]")!;
  return new Promise((resolve) => {
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const data = new FormData(form);
      try {
        resolve(await api.login(String(data.get("user")), String(data.get("password"))));
      } catch (err) {
        error.hidden = false;
        error.textContent = err instanceof ApiError ? err.message : t("signin.unreachable", { reason: String(err) });
      }
    });
  });
}
