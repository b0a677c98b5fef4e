import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { ApiFailure } from "./api/client.ts";
import "./styles.css";

const client = new QueryClient({
  defaultOptions: {
    queries: {
      // The live stream says when something changed; no polling, no refetch on every focus.
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A refusal (401, 404) will not change on retry; a dropped connection may.
      retry: (count, error) =>
        !(error instanceof ApiFailure && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={client}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
