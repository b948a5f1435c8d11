using System.Net;
using System.Security.Cryptography;
using Framecast.Features.Uploads;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Uploads;

/// <summary>One upload, PATCHed through two nodes at once (issue 12): exactly one writer wins each offset, the rest get 409.</summary>
public sealed class UploadsAcrossNodesTests
{
    private const int Chunk = 256 * 1024;
    private const int Chunks = 16;

    [Fact]
    public async Task Concurrent_patches_through_two_nodes_build_the_file_exactly_and_losers_get_409()
    {
        await using var a = await TestHost.StartAsync("postgres", roles: "api");
        await using var b = await TestHost.StartAsync("postgres", a.Database, roles: "api", migrate: false);
        var user = await a.RegisterAsync("twonodes");
        var clients = new[] { a.NewClient(user.Token), b.NewClient(user.Token) };
        var source = RandomNumberGenerator.GetBytes(Chunk * Chunks);
        var created = await clients[0].SendAsync(TusClient.Create(source.Length));
        var location = created.Headers.Location!.ToString();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();

        // Every chunk but the last by eight racing tasks, half through each node; then the last one twice at once.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async task =>
        {
            var client = clients[task % 2];
            for (var round = 0; round < 200; round++)
            {
                var head = await client.SendAsync(TusClient.Head(location));
                var offset = long.Parse(head.Headers.GetValues("Upload-Offset").Single());
                if (offset >= source.Length - Chunk)
                {
                    return;
                }
                var response = await client.SendAsync(TusClient.Patch(location, offset, source[(int)offset..(int)(offset + Chunk)]));
                statuses.Add(response.StatusCode);
            }
        }));
        var last = source.Length - Chunk;
        var final = await Task.WhenAll(clients.Select(c => c.SendAsync(TusClient.Patch(location, last, source[last..]))));

        statuses.Should().OnlyContain(s => s == HttpStatusCode.NoContent || s == HttpStatusCode.Conflict);
        statuses.Count(s => s == HttpStatusCode.NoContent).Should().Be(Chunks - 1, "each offset was written by exactly one PATCH");
        final.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.NoContent, HttpStatusCode.Conflict], "one node wins the final chunk, the other answers 409");
        var id = location.Split('/')[^1];
        (await File.ReadAllBytesAsync(Path.Combine(a.Database.DataDirectory, "uploads", $"{id}.part"))).Should().Equal(source);
        final.Single(r => r.StatusCode == HttpStatusCode.NoContent).VideoId().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Many_small_uploads_leave_nothing_behind_in_memory()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api");
        var user = await host.RegisterAsync("many");
        var staging = host.Services.GetRequiredService<UploadStaging>();

        for (var i = 0; i < 1000; i++)
        {
            var created = await user.Client.SendAsync(TusClient.Create(32, null, RandomNumberGenerator.GetBytes(16)));
            created.StatusCode.Should().Be(HttpStatusCode.Created);
            (await user.Client.SendAsync(TusClient.Patch(created.Headers.Location!.ToString(), 16, RandomNumberGenerator.GetBytes(16))))
                .StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        staging.ParkedHashers.Should().Be(0, "a finished upload keeps no state in the process, whatever the number of uploads");
    }
}
