import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { MyPage } from "../../../../http/api-types.ts";
import { post } from "../../api/client.ts";
import { keys } from "../../api/keys.ts";

/** A POST that answers with my page, which then replaces the one on screen. */
export function useMeAction<Body>(path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => post<MyPage>(path, body),
    onSuccess: (page) => client.setQueryData(keys.me, page),
  });
}
