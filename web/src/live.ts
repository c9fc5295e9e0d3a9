// Live data by polling the store through our API every few seconds while the page is visible: any
// instance answers the same, so nothing depends on which one the browser reaches.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "./api.ts";

export function useLive<T>(path: string | null, intervalMs = 2000): { data: T | null; error: ApiError | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const current = useRef(path);
  current.current = path;

  useEffect(() => {
    if (!path) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const next = await api<T>(path);
        if (!stopped && current.current === path) {
          setData(next);
          setError(null);
        }
      } catch (e) {
        if (!stopped) setError(e instanceof ApiError ? e : new ApiError(0, "network", String(e)));
      }
      if (!stopped) timer = setTimeout(load, document.hidden ? intervalMs * 5 : intervalMs);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [path, intervalMs, tick]);

  return { data, error, reload: () => setTick((n) => n + 1) };
}
