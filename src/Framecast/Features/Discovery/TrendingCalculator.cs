using System.Data.Common;
using System.Globalization;
using Dapper;
using Framecast.Features.Videos;
using Framecast.Infrastructure;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Discovery;

/// <summary>
/// Recomputes the trending lists. A public, ready video's score is the sum, over what happened to it within
/// <see cref="DiscoveryOptions.TrendingWindow"/>, of each event's weight times 2^(−age / half-life):
/// like 3, comment 4, danmaku 1, a signed-in viewer starting it 1, gift 1 per 10 coins; plus (1 + its views) decayed
/// by the time since it was published, for videos published within the window (so new uploads start with a little
/// and lifetime views count most while a video is young). The overall list keeps the top <see cref="OverallSize"/>;
/// the <see cref="TagCount"/> tags with the highest summed scores among the top videos get their own lists.
/// </summary>
/// <remarks>
/// The signals live in other features' tables (likes, comments, danmaku, gifts); they are read here in bulk by SQL
/// because asking each feature per video would be thousands of calls every few minutes.
/// </remarks>
public sealed class TrendingCalculator(FramecastDbContext db, VideosService videos, DatabaseProvider provider, IOptions<DiscoveryOptions> options, TimeProvider clock)
{
    public const int OverallSize = 100, TagCount = 20, TagListSize = 50;
    private static readonly string Eligible = ModerationHolds.ListedSql("v");

    /// <summary>What happened to a video: a row of <c>Table</c> per event, at <c>TimeColumn</c>, worth <c>Weight</c> (SQL).</summary>
    private sealed record Signal(string Table, string TimeColumn, string Weight);

    private static readonly Signal[] Signals =
    [
        new("video_likes", "created_at", "3"),
        new("comments", "created_at", "4"),
        new("danmaku", "sent_at", "1"),
        new("watch_history", "created_at", "1"),
        new("gift_sends", "created_at", "x.total_coins / 10.0"),
    ];

    public async Task<int> RecomputeAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMicros();
        var since = now - options.Value.TrendingWindow;
        var halfLife = options.Value.TrendingHalfLife.TotalSeconds;
        double Decay(DateTime at) => Math.Pow(2, -Math.Max(0, (now - at).TotalSeconds) / halfLife);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var scores = new Dictionary<string, double>();
            foreach (var signal in Signals)
            {
                await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                    $"SELECT x.video_id, x.{signal.TimeColumn}, {signal.Weight} FROM {signal.Table} x JOIN videos v ON v.id = x.video_id " +
                    $"WHERE {Eligible} AND x.{signal.TimeColumn} >= @since",
                    new { since = Time(since) }, cancellationToken: cancellationToken));
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetString(0);
                    var weight = Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture);
                    scores[id] = scores.GetValueOrDefault(id) + weight * Decay(DbConnectionFactory.ReadTime(reader.GetValue(1)));
                }
            }
            await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                $"SELECT v.id, v.views, COALESCE(v.published_at, v.created_at) FROM videos v WHERE {Eligible} AND COALESCE(v.published_at, v.created_at) >= @since",
                new { since = Time(since) }, cancellationToken: cancellationToken)))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetString(0);
                    scores[id] = scores.GetValueOrDefault(id) + (1 + reader.GetInt64(1)) * Decay(DbConnectionFactory.ReadTime(reader.GetValue(2)));
                }
            }

            var top = scores.OrderByDescending(s => s.Value).ThenByDescending(s => s.Key, StringComparer.Ordinal).Take(2000).ToList();
            var tags = await TagsAsync(top.Select(s => s.Key).ToList(), cancellationToken);
            var rows = Ranked(null, top.Take(OverallSize), now).ToList();
            var tagScores = top.SelectMany(s => tags.GetValueOrDefault(s.Key, []).Select(t => (Tag: t, s.Value)))
                .GroupBy(x => x.Tag).OrderByDescending(g => g.Sum(x => x.Value)).ThenBy(g => g.Key, StringComparer.Ordinal).Take(TagCount);
            foreach (var tag in tagScores)
            {
                rows.AddRange(Ranked(tag.Key, top.Where(s => tags.GetValueOrDefault(s.Key, []).Contains(tag.Key)).Take(TagListSize), now));
            }
            await ReplaceAsync(connection, rows, cancellationToken);
            return rows.Count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private IEnumerable<object> Ranked(string? tag, IEnumerable<KeyValuePair<string, double>> scored, DateTime now) =>
        scored.Select((s, i) => new { videoId = s.Key, tag, score = s.Value, rank = i + 1, computedAt = Time(now) });

    private async Task<Dictionary<string, HashSet<string>>> TagsAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, HashSet<string>>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var video in (await videos.FindManyAsync(chunk, cancellationToken)).Values)
            {
                tags[video.Id] = video.Tags.Select(t => t.ToLowerInvariant()).ToHashSet();
            }
        }
        return tags;
    }

    /// <summary>Swaps the lists in one transaction; on PostgreSQL two workers take turns (an advisory lock) so the lists never mix.</summary>
    private async Task ReplaceAsync(DbConnection connection, List<object> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (provider.IsPostgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(1517)", transaction: transaction, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM trending", transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO trending (video_id, tag, score, rank, computed_at) VALUES (@videoId, @tag, @score, @rank, @computedAt)",
            rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private object Time(DateTime value) => provider.IsPostgres ? value : UtcMicrosecondsConverter.ToMicros(value);
}
