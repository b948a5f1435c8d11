using System.Text.Json;
using Dapper;
using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Features.Discovery;

/// <summary>
/// Videos to watch next. Candidates: the 200 newest public videos sharing a tag, the channel's 50 newest, and those
/// most often watched by the last 500 people who watched this one (signed-in history and view keys). Score:
/// 3 × shared tags + 2 × same channel + 5 × co-watchers / the most co-watchers + log10(1 + views) / 4. Ties go to the
/// newer video; trending and then the newest videos fill the list, so it is never empty while other videos exist.
/// Only public, ready videos, never the video itself.
/// </summary>
public sealed class RelatedService(FramecastDbContext db, VideosService videos, TrendingService trending, DatabaseProvider provider)
{
    private const string Eligible = "status = 'ready' AND visibility = 'public' AND moderation_hold = 0";

    public async Task<IReadOnlyList<VideoResponse>?> ListAsync(string videoId, Viewer viewer, int limit, CancellationToken cancellationToken)
    {
        var video = await videos.FindVisibleAsync(videoId, viewer, cancellationToken);
        if (video is null)
        {
            return null;
        }
        var connection = db.Database.GetDbConnection();
        var tagged = await TaggedAsync(video, cancellationToken);
        var sameChannel = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM videos WHERE owner_id = @owner AND {Eligible} AND id <> @id ORDER BY created_at DESC LIMIT 50",
            new { owner = video.OwnerId, id = video.Id }, cancellationToken: cancellationToken));
        var coWatched = (await connection.QueryAsync<(string Id, long Count)>(new CommandDefinition("""
            SELECT id, CAST(SUM(n) AS BIGINT) FROM (
                SELECT h.video_id AS id, COUNT(*) AS n FROM (SELECT user_id FROM watch_history WHERE video_id = @id ORDER BY updated_at DESC LIMIT 500) w
                JOIN watch_history h ON h.user_id = w.user_id AND h.video_id <> @id GROUP BY h.video_id
                UNION ALL
                SELECT x.video_id AS id, COUNT(*) AS n FROM (SELECT viewer_key FROM video_views WHERE video_id = @id LIMIT 500) k
                JOIN video_views x ON x.viewer_key = k.viewer_key AND x.video_id <> @id GROUP BY x.video_id
            ) c GROUP BY id ORDER BY SUM(n) DESC LIMIT 100
            """, new { id = video.Id }, cancellationToken: cancellationToken))).ToDictionary(c => c.Id, c => c.Count);

        var found = await videos.FindManyAsync(tagged.Concat(sameChannel).Concat(coWatched.Keys).ToList(), cancellationToken);
        var mostCoWatched = Math.Max(1, coWatched.Values.DefaultIfEmpty(0).Max());
        var tags = video.Tags.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ranked = found.Values.Where(c => IsPublic(c) && c.Id != video.Id)
            .Select(c => (Video: c, Score: 3.0 * c.Tags.Count(tags.Contains) + (c.OwnerId == video.OwnerId ? 2 : 0)
                + 5.0 * coWatched.GetValueOrDefault(c.Id) / mostCoWatched + Math.Log10(1 + c.Views) / 4))
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.Video.CreatedAt).ThenByDescending(c => c.Video.Id, StringComparer.Ordinal)
            .Select(c => c.Video).Take(limit).ToList();
        if (ranked.Count < limit)
        {
            var taken = ranked.Select(v => v.Id).Append(video.Id).ToHashSet();
            var filler = (await trending.ListAsync(null, limit + 1, cancellationToken)).Select(v => v.Id).ToList();
            filler.AddRange(await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT id FROM videos WHERE {Eligible} ORDER BY created_at DESC LIMIT @n", new { n = limit + 1 }, cancellationToken: cancellationToken)));
            var extra = await videos.FindManyAsync(filler.Where(id => !taken.Contains(id)).Distinct().ToList(), cancellationToken);
            ranked.AddRange(filler.Where(extra.ContainsKey).Distinct().Select(id => extra[id]).Where(IsPublic).Take(limit - ranked.Count));
        }
        var response = await videos.ResponsesForAsync(ranked, cancellationToken);
        return ranked.Select(response).ToList();
    }

    /// <summary>Of <paramref name="ids"/>, in their order, the first <paramref name="limit"/> that are public and ready now.</summary>
    internal static async Task<IReadOnlyList<VideoResponse>> PublicInOrderAsync(VideosService videos, IReadOnlyList<string> ids, int limit, CancellationToken cancellationToken)
    {
        var found = await videos.FindManyAsync(ids, cancellationToken);
        var list = ids.Distinct().Where(found.ContainsKey).Select(id => found[id]).Where(IsPublic).Take(limit).ToList();
        var response = await videos.ResponsesForAsync(list, cancellationToken);
        return list.Select(response).ToList();
    }

    private static bool IsPublic(Video v) => ModerationHolds.IsListed(v);

    /// <summary>
    /// Newest public videos sharing a tag (ignoring case). Tags are a JSON list; a tag's JSON string (quotes included,
    /// escaped the way the column is written) found in it is an exact element match.
    /// </summary>
    private async Task<List<string>> TaggedAsync(Video video, CancellationToken cancellationToken)
    {
        if (video.Tags.Count == 0)
        {
            return [];
        }
        var needles = video.Tags.Select(t => JsonSerializer.Serialize(t, JsonSerializerOptions.Web).ToLowerInvariant()).ToList();
        var find = provider.IsPostgres ? "strpos(lower(tags), @t{0}) > 0" : "instr(lower(tags), @t{0}) > 0";
        var parameters = new DynamicParameters(new { id = video.Id });
        for (var i = 0; i < needles.Count; i++)
        {
            parameters.Add($"t{i}", needles[i]);
        }
        var any = string.Join(" OR ", needles.Select((_, i) => string.Format(System.Globalization.CultureInfo.InvariantCulture, find, i)));
        return (await db.Database.GetDbConnection().QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM videos WHERE {Eligible} AND id <> @id AND ({any}) ORDER BY created_at DESC LIMIT 200",
            parameters, cancellationToken: cancellationToken))).ToList();
    }
}
