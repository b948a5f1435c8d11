using Framecast.Features.Accounts;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Chat;

/// <summary>
/// Who may moderate a channel's chat and its videos' danmaku (its owner, the moderators it named, admins), its bans,
/// its rules, and the log of every moderation action.
/// </summary>
public sealed class ModerationService(FramecastDbContext db, TimeProvider clock)
{
    public async Task<bool> MayModerateAsync(string channelId, Viewer viewer, CancellationToken cancellationToken) =>
        viewer.OwnsOrAdmin(channelId)
        || (viewer.UserId is { } id && await db.Set<ChatModerator>().AnyAsync(m => m.ChannelId == channelId && m.UserId == id, cancellationToken));

    public Task<bool> IsModeratorAsync(string channelId, string userId, CancellationToken cancellationToken) =>
        db.Set<ChatModerator>().AnyAsync(m => m.ChannelId == channelId && m.UserId == userId, cancellationToken);

    public async Task<ChatSettings> SettingsAsync(string channelId, CancellationToken cancellationToken) =>
        await db.Set<ChatSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.ChannelId == channelId, cancellationToken)
        ?? new ChatSettings { ChannelId = channelId };

    public async Task SaveSettingsAsync(string channelId, Viewer actor, ChatSettingsRequest request, CancellationToken cancellationToken)
    {
        var settings = await db.Set<ChatSettings>().FirstOrDefaultAsync(s => s.ChannelId == channelId, cancellationToken);
        if (settings is null)
        {
            settings = new ChatSettings { ChannelId = channelId };
            db.Add(settings);
        }
        settings.SlowModeSeconds = request.SlowModeSeconds ?? settings.SlowModeSeconds;
        settings.FollowersOnly = request.FollowersOnly ?? settings.FollowersOnly;
        settings.MinAccountAgeMinutes = request.MinAccountAgeMinutes ?? settings.MinAccountAgeMinutes;
        settings.BlockedWords = request.BlockedWords is { } words ? ChatSettingsRequest.Normalize(words) : settings.BlockedWords;
        Log(channelId, actor, "settings", "chat-settings",
            $"slow mode {(settings.SlowModeSeconds > 0 ? $"{settings.SlowModeSeconds} s" : "off")}, followers only {(settings.FollowersOnly ? "on" : "off")}, "
            + $"minimum account age {(settings.MinAccountAgeMinutes > 0 ? $"{settings.MinAccountAgeMinutes} min" : "off")}, {settings.BlockedWords.Count} blocked word(s)");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ChatBan?> ActiveBanAsync(string channelId, string userId, CancellationToken cancellationToken)
    {
        var ban = await db.Set<ChatBan>().AsNoTracking().FirstOrDefaultAsync(b => b.ChannelId == channelId && b.UserId == userId, cancellationToken);
        return ban is not null && ban.ActiveAt(clock.GetUtcNow().UtcDateTime) ? ban : null;
    }

    public async Task<List<ChatBan>> BansAsync(string channelId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<ChatBan>().AsNoTracking().Where(b => b.ChannelId == channelId && (b.Until == null || b.Until > now))
            .OrderByDescending(b => b.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Bans (or re-bans, replacing the term) <paramref name="userId"/> from the channel's chat.</summary>
    public async Task<ChatBan> BanAsync(string channelId, string userId, Viewer actor, TimeSpan? duration, string reason, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var ban = await db.Set<ChatBan>().FirstOrDefaultAsync(b => b.ChannelId == channelId && b.UserId == userId, cancellationToken);
        if (ban is null)
        {
            ban = new ChatBan { ChannelId = channelId, UserId = userId, Reason = reason, ById = actor.UserId! };
            db.Add(ban);
        }
        ban.Until = duration is { } d ? now + d : null;
        ban.Reason = reason;
        ban.ById = actor.UserId!;
        ban.CreatedAt = now;
        Log(channelId, actor, "ban", userId, duration is { } length ? $"{(long)length.TotalSeconds} s: {reason}" : $"permanent: {reason}");
        await db.SaveChangesAsync(cancellationToken);
        return ban;
    }

    public async Task<bool> UnbanAsync(string channelId, string userId, Viewer actor, CancellationToken cancellationToken)
    {
        var ban = await db.Set<ChatBan>().FirstOrDefaultAsync(b => b.ChannelId == channelId && b.UserId == userId, cancellationToken);
        if (ban is null)
        {
            return false;
        }
        db.Remove(ban);
        Log(channelId, actor, "unban", userId, "");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public Task<List<string>> ModeratorIdsAsync(string channelId, CancellationToken cancellationToken) =>
        db.Set<ChatModerator>().AsNoTracking().Where(m => m.ChannelId == channelId).OrderBy(m => m.AddedAt).Select(m => m.UserId).ToListAsync(cancellationToken);

    /// <summary>Names <paramref name="userId"/> a moderator (idempotent).</summary>
    public async Task AddModeratorAsync(string channelId, string userId, Viewer actor, CancellationToken cancellationToken)
    {
        if (await IsModeratorAsync(channelId, userId, cancellationToken))
        {
            return;
        }
        db.Add(new ChatModerator { ChannelId = channelId, UserId = userId, AddedAt = clock.UtcNowMicros() });
        Log(channelId, actor, "moderator.add", userId, "");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RemoveModeratorAsync(string channelId, string userId, Viewer actor, CancellationToken cancellationToken)
    {
        if (await db.Set<ChatModerator>().Where(m => m.ChannelId == channelId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0)
        {
            Log(channelId, actor, "moderator.remove", userId, "");
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public Task<List<ModerationEntry>> LogAsync(string channelId, int limit, CancellationToken cancellationToken) =>
        db.Set<ModerationEntry>().AsNoTracking().Where(e => e.ChannelId == channelId).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(limit).ToListAsync(cancellationToken);

    /// <summary>Adds an entry to the log, saved with the caller's change (one SaveChanges: the action and its entry together).</summary>
    public void Log(string channelId, Viewer actor, string action, string target, string reason) =>
        db.Add(new ModerationEntry
        {
            Id = Ids.New(),
            ChannelId = channelId,
            ActorId = actor.UserId ?? "",
            Action = action,
            Target = target,
            Reason = reason.Length > 500 ? reason[..500] : reason,
            At = clock.UtcNowMicros(),
        });
}
