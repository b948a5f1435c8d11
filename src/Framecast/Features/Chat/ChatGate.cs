using System.Globalization;
using Framecast.Features.Accounts;
using Framecast.Features.Social;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Chat;

/// <summary>
/// A channel's rules for who may say what, checked before anything is stored: bans, followers only, account age, blocked words, slow
/// mode (live chat), then the account's send rate last, so a refused message costs none of it.
/// </summary>
public sealed class ChatGate(FramecastDbContext db, ModerationService moderation, ChatRateLimiter rate, FollowsService follows, TimeProvider clock)
{
    public async Task<ChatRefusal?> CheckAsync(string channelId, Viewer author, string text, bool liveChat, CancellationToken cancellationToken)
    {
        var userId = author.UserId!;
        var (refusal, settings, trusted) = await StandingAsync(channelId, author, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var lowered = text.ToLowerInvariant();
        if (!author.Owns(channelId) && settings.BlockedWords.FirstOrDefault(w => lowered.Contains(w, StringComparison.Ordinal)) is { } word)
        {
            return new ChatRefusal(422, "chat.blocked_word", $"This channel does not allow the word “{word}”. Your message was not sent.");
        }
        if (liveChat && !trusted && settings.SlowModeSeconds > 0)
        {
            var since = now.AddSeconds(-settings.SlowModeSeconds);
            var last = await db.Set<ChatMessage>().Where(m => m.ChannelId == channelId && m.AuthorId == userId && m.SentAt > since)
                .OrderByDescending(m => m.SentAt).Select(m => (DateTime?)m.SentAt).FirstOrDefaultAsync(cancellationToken);
            if (last is { } previous)
            {
                var wait = previous.AddSeconds(settings.SlowModeSeconds) - now;
                return new ChatRefusal(429, "chat.slow_mode", $"Slow mode is on: one message every {settings.SlowModeSeconds} s. Wait {Wait(wait)}.", Seconds(wait));
            }
        }
        if (await rate.TryTakeAsync(userId, cancellationToken) is { } retry)
        {
            return new ChatRefusal(429, "chat.rate_limited", $"You are sending too fast. Wait {Wait(retry)}.", Seconds(retry));
        }
        return null;
    }

    /// <summary>Whether the account may chat here at all (not banned, old enough), whatever it says: what a room tells on joining.</summary>
    public async Task<ChatRefusal?> CheckStandingAsync(string channelId, Viewer author, CancellationToken cancellationToken) =>
        (await StandingAsync(channelId, author, cancellationToken)).Refusal;

    /// <summary>The standing check, with the channel's rules and whether the author moderates it (what the text rules need next).</summary>
    private async Task<(ChatRefusal? Refusal, ChatSettings Settings, bool Trusted)> StandingAsync(string channelId, Viewer author, CancellationToken cancellationToken)
    {
        var settings = await moderation.SettingsAsync(channelId, cancellationToken);
        if (author.UserId is not { } userId)
        {
            return (ChatRefusal.SignInRequired(), settings, false);
        }
        if (await moderation.ActiveBanAsync(channelId, userId, cancellationToken) is { } ban)
        {
            var term = ban.Until is { } until ? $"until {until.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC" : "permanently";
            return (new ChatRefusal(403, "chat.banned", $"You are banned from this chat {term}. Reason: {ban.Reason}", Until: ban.Until, Reason: ban.Reason), settings, false);
        }
        var trusted = await moderation.MayModerateAsync(channelId, author, cancellationToken);
        if (settings.FollowersOnly && !trusted && !await follows.IsFollowingAsync(userId, channelId, cancellationToken))
        {
            return (new ChatRefusal(403, "chat.followers_only", "This chat is for the channel's followers only. Follow the channel to chat."), settings, trusted);
        }
        if (settings.MinAccountAgeMinutes > 0 && !trusted)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var created = await db.Users.Where(u => u.Id == userId).Select(u => u.CreatedAt).FirstAsync(cancellationToken);
            var allowedAt = created.AddMinutes(settings.MinAccountAgeMinutes);
            if (allowedAt > now)
            {
                return (new ChatRefusal(403, "chat.account_too_new",
                    $"This chat takes accounts older than {settings.MinAccountAgeMinutes} minutes; yours can chat in {Wait(allowedAt - now)}.", Seconds(allowedAt - now)),
                    settings, trusted);
            }
        }
        return (null, settings, trusted);
    }

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static string Wait(TimeSpan wait) => Seconds(wait) is var s && s < 120 ? $"{s} s" : $"{(int)Math.Ceiling(s / 60.0)} min";
}
