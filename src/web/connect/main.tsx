import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { readLinkLocation } from "./link-location.ts";
import "../shared/theme.css";
import "./connect.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App link={readLinkLocation(window.location)} />
    </StrictMode>,
  );
}
