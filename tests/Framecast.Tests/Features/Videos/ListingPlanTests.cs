using System.Data.Common;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Videos;

/// <summary>
/// The list and channel pages' real queries (built by <see cref="VideosService"/>) are index seeks in the order they
/// answer, on both providers, with current statistics: a channel page costs the same however large the catalogue grows.
/// </summary>
public sealed class ListingPlanTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task List_and_channel_queries_seek_their_index_without_sorting(string provider)
    {
        await using var host = await TestHost.StartAsync(provider);
        var owners = new List<TestUser>();
        for (var i = 0; i < 8; i++)
        {
            owners.Add(await host.RegisterAsync("plan"));
        }
        for (var i = 0; i < 160; i++)
        {
            await host.CreateVideoAsync(owners[i % owners.Count], $"video {i}",
                i % 5 == 0 ? Visibility.Private : Visibility.Public, i % 7 == 0 ? VideoStatus.Processing : VideoStatus.Ready);
        }
        var channel = owners[3].Id;

        var publicList = await PlanAsync(host, videos => VideosService.Paged(videos.PublicQuery(), null, 20));
        var channelPublic = await PlanAsync(host, videos => VideosService.Paged(videos.ChannelQuery(channel, everything: false), null, 20));
        var channelOwner = await PlanAsync(host, videos => VideosService.Paged(videos.ChannelQuery(channel, everything: true), null, 20));
        var nextPage = await PlanAsync(host, videos => VideosService.Paged(videos.ChannelQuery(channel, everything: false),
            new Framecast.Infrastructure.Http.PageCursor(DateTime.UtcNow, "abcdefghijk"), 20));

        publicList.Should().Contain("ix_videos_listing");
        channelPublic.Should().Contain("ix_videos_owner_public", "the channel's public rows are one range of that index");
        nextPage.Should().Contain("ix_videos_owner_public");
        channelOwner.Should().MatchRegex("ix_videos_owner(_public)?\\b", "the owner's page seeks the channel's rows");
        foreach (var plan in new[] { publicList, channelPublic, channelOwner, nextPage })
        {
            plan.Should().NotContainAny(["TEMP B-TREE", "Sort  ", "Sort (", "Seq Scan", "SCAN videos\n"], $"the index gives the order; plan:\n{plan}");
        }
    }

    /// <summary>
    /// The plan of <paramref name="build"/>'s SQL after statistics are refreshed (SQLite: <c>PRAGMA optimize</c> as the node
    /// runs it; PostgreSQL: <c>ANALYZE</c>, with scans and sorts priced out, because on a table this small it rightly prefers
    /// them: what is checked there is that an index can give the rows in the page's order).
    /// </summary>
    private static Task<string> PlanAsync(TestHost host, Func<VideosService, IQueryable<Video>> build) =>
        host.WithScopeAsync(async sp =>
        {
            var connections = sp.GetRequiredService<DbConnectionFactory>();
            if (!connections.IsPostgres)
            {
                await SqliteStatistics.OptimizeAsync(connections, CancellationToken.None);
            }
            var db = sp.GetRequiredService<FramecastDbContext>();
            await using DbCommand command = build(sp.GetRequiredService<VideosService>()).CreateDbCommand();
            await db.Database.OpenConnectionAsync();
            try
            {
                if (connections.IsPostgres)
                {
                    await db.Database.ExecuteSqlRawAsync("ANALYZE videos; SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off;");
                }
                command.CommandText = (connections.IsPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
                var lines = new List<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetValue(reader.FieldCount - 1)?.ToString() ?? "");
                }
                return string.Join('\n', lines) + "\n";
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
}
