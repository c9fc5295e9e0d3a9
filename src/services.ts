import type { ArticleService } from "./articles/article-service.ts";
import type { ChannelService } from "./channels/channel-service.ts";
import type { UserService } from "./users/user-service.ts";
import type { PollService } from "./polls/poll-service.ts";
import type { TipService } from "./tips/tip-service.ts";
import type { FeedService } from "./feeds/feed-service.ts";
import type { SubscriberService } from "./subscribers/subscriber-service.ts";
import type { BroadcastService } from "./broadcasts/broadcast-service.ts";
import type { PrivacyService } from "./privacy/privacy-service.ts";
import type { TipDesk } from "./tips/tip-desk.ts";
import type { TipActions } from "./tips/tip-actions.ts";
import type { ConsoleSessions } from "./console/console-sessions.ts";

/** The domain, shared by the bot, the HTTP API and the scheduler: a rule lives in exactly one of these. */
export interface Services {
  articles: ArticleService;
  channels: ChannelService;
  users: UserService;
  polls: PollService;
  tips: TipService;
  /** the tip card and relay in Telegram, and the editors' actions on a tip (desk buttons and console alike) */
  tipDesk: TipDesk;
  tipActions: TipActions;
  /** the console's login links and browser sessions */
  consoleSessions: ConsoleSessions;
  feeds: FeedService;
  subscribers: SubscriberService;
  broadcasts: BroadcastService;
  privacy: PrivacyService;
}
