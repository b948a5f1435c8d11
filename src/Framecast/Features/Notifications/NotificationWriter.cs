using System.Text;
using Dapper;
using Framecast.Features.Social;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;

namespace Framecast.Features.Notifications;

/// <summary>
/// Inserts notifications: one row per recipient, many rows per statement, <c>ON CONFLICT DO NOTHING</c> on the
/// (user, type, subject) key, so a fan-out that dies half way is simply run again.
/// </summary>
public sealed class NotificationWriter(DbConnectionFactory connections, FollowsService follows, TimeProvider clock, ILogger<NotificationWriter> logger)
{
    /// <summary>Recipients per statement: 2 parameters each, well under SQLite's and PostgreSQL's parameter limits.</summary>
    public const int BatchSize = 500;

    /// <summary>Every follower of <paramref name="channelId"/>, a batch at a time in follower-id order.</summary>
    public async Task<int> ToFollowersAsync(string channelId, NotificationDraft draft, CancellationToken cancellationToken)
    {
        var added = 0;
        string? after = null;
        while (true)
        {
            var batch = await follows.FollowerIdsAsync(channelId, after, BatchSize, cancellationToken);
            if (batch.Count > 0)
            {
                added += await InsertAsync(batch, draft, cancellationToken);
            }
            if (batch.Count < BatchSize)
            {
                break;
            }
            after = batch[^1];
        }
        logger.LogInformation("Notified {Added} follower(s) of {ChannelId}: {Type} {Subject}", added, channelId, draft.Type, draft.Subject);
        return added;
    }

    public Task<int> ToUserAsync(string userId, NotificationDraft draft, CancellationToken cancellationToken) =>
        InsertAsync([userId], draft, cancellationToken);

    private async Task<int> InsertAsync(IReadOnlyList<string> userIds, NotificationDraft d, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new
        {
            d.Type,
            d.Subject,
            CreatedAt = connections.Time(clock.UtcNowMicros()),
            d.ActorUsername,
            d.VideoId,
            d.VideoTitle,
            d.SessionId,
            d.CommentId,
            d.CommentExcerpt,
            d.GiftName,
            d.GiftCount,
            d.GiftCoins,
            d.Message,
        });
        var sql = new StringBuilder("INSERT INTO notifications (id, user_id, type, subject, created_at, actor_username, video_id, video_title, session_id, "
            + "comment_id, comment_excerpt, gift_name, gift_count, gift_coins, message) VALUES ");
        for (var i = 0; i < userIds.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append("(@i").Append(i).Append(", @u").Append(i)
                .Append(", @Type, @Subject, @CreatedAt, @ActorUsername, @VideoId, @VideoTitle, @SessionId, @CommentId, @CommentExcerpt, @GiftName, @GiftCount, @GiftCoins, @Message)");
            parameters.Add($"i{i}", Ids.New());
            parameters.Add($"u{i}", userIds[i]);
        }
        sql.Append(" ON CONFLICT DO NOTHING");
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
    }
}
