## Where the bot stands: added, removed, rights changed (notices to editors)

membership-channel-removed = ⚠️ The bot was removed from channel { $chat }. The channel is disabled: nothing is posted there until the bot is an admin with the right to post again.
membership-channel-rights-lost = ⚠️ The bot may no longer post in channel { $chat }. The channel is disabled: nothing is posted there until the right is given back.
membership-channel-back = ✅ The bot can post in channel { $chat }. The channel is active: new articles go there again.
membership-channel-still-off = The bot can post in channel { $chat }, but the channel is disabled here. To post there again: /channels add { $chatId } { $language }
membership-channel-unknown = ℹ️ The bot was added to channel { $chat }. To post articles there, send /channels add { $id } en (or ru, kk: the channel's language).
membership-editors-removed = ⚠️ The bot was removed from the editors' group { $chat }. Readers' tips are kept and reach the group as soon as the bot is back.
membership-editors-rights-lost = ⚠️ The bot can no longer write in the editors' group { $chat }. Readers' tips are kept and reach the group as soon as its rights are back.
membership-editors-back = ✅ The bot is back in the editors' group. Tips that arrived meanwhile appear here now.
