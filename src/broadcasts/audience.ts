// Who a broadcast is for, from what it is: resolved into recipient rows when it starts.
import type { Audience, BroadcastRow } from "./broadcast-repository.ts";

export function audienceOf(broadcast: BroadcastRow, article: { language: string; section: string | null } | null): Audience {
  const sections = JSON.parse(broadcast.sections) as string[];
  switch (broadcast.kind) {
    case "alert":
      // Readers of the article's language who want alerts and follow its section (an article without a
      // section is for everyone: there is no section to have left).
      return { language: article?.language ?? broadcast.language, breaking: true, sections: article?.section ? [article.section] : [] };
    case "digest": {
      const periods = (broadcast.period ?? "daily").split(",");
      return { digest: { hour: broadcast.digestHour, daily: periods.includes("daily"), weekly: periods.includes("weekly") } };
    }
    default:
      return { language: broadcast.language, sections };
  }
}
