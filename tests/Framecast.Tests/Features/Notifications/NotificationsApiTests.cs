using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Tests.Features.Chat;
using Framecast.Tests.Features.Social;
using Framecast.Tests.Features.Wallet;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Notifications;

/// <summary>Replies and gifts reach their one recipient; unread counts, marking read, paging, and nobody reading or marking another's.</summary>
public sealed class NotificationsApiTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reply_notifies_the_parent_comments_author_but_nobody_hears_of_their_own(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("rv");
        var alice = await host.RegisterAsync("alice");
        var bob = await host.RegisterAsync("bob");
        var video = await host.CreateVideoAsync(owner, "a talk");
        var other = await host.CreateVideoAsync(owner, "another talk");
        var url = $"/api/v1/videos/{video.Id}/comments";

        var parent = await PostCommentAsync(alice, url, new { content = "what a talk" });
        parent.GetProperty("parentId").ValueKind.Should().Be(JsonValueKind.Null);
        var text = "I thought so too! " + new string('x', 300);
        var reply = await PostCommentAsync(bob, url, new { content = text, parentId = parent.Str("id") });
        reply.Str("parentId").Should().Be(parent.Str("id"));

        var heard = await alice.WaitNotificationAsync(n => n.Type() == "reply", "alice hears of bob's reply");
        heard.GetProperty("actor").Str("username").Should().Be(bob.Username);
        heard.GetProperty("video").Str("id").Should().Be(video.Id);
        heard.GetProperty("video").Str("title").Should().Be("a talk");
        heard.GetProperty("comment").Str("id").Should().Be(reply.Str("id"));
        heard.GetProperty("comment").Str("excerpt").Should().StartWith("I thought so too!").And.HaveLength(140, "a long reply is cut to an excerpt");
        heard.GetProperty("read").GetBoolean().Should().BeFalse();
        heard.TryGetProperty("gift", out _).Should().BeFalse("a reply has no gift part");

        // Alice answering under her own comment, and bob answering his own reply: nobody to tell.
        var own = await PostCommentAsync(alice, url, new { content = "thanks", parentId = parent.Str("id") });
        var ownReply = await PostCommentAsync(bob, url, new { content = "me again", parentId = reply.Str("id") });
        (await host.JobsAboutAsync("comment.replied", own.Str("id"))).Should().BeEmpty("nobody is told of their own reply");
        (await host.JobsAboutAsync("comment.replied", ownReply.Str("id"))).Should().BeEmpty();
        await host.WaitJobsDoneAsync("comment.replied", reply.Str("id"));
        (await alice.NotificationItemsAsync()).Should().ContainSingle();
        (await bob.NotificationItemsAsync()).Should().BeEmpty();

        var listed = await host.Client.GetJsonAsync(url);
        listed.GetProperty("items").EnumerateArray().Single(c => c.Str("id") == reply.Str("id")).Str("parentId").Should().Be(parent.Str("id"));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reply_must_answer_a_comment_on_the_same_video(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("rp");
        var fan = await host.RegisterAsync("rf");
        var video = await host.CreateVideoAsync(owner, "here");
        var elsewhere = await host.CreateVideoAsync(owner, "there");
        var foreign = await PostCommentAsync(fan, $"/api/v1/videos/{elsewhere.Id}/comments", new { content = "on the other video" });

        foreach (var parentId in new[] { foreign.Str("id"), "NoSuchComnt", "../../etc/passwd", "" })
        {
            using var response = await fan.Client.PostAsJsonAsync($"/api/v1/videos/{video.Id}/comments", new { content = "hello", parentId });
            await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "comment.parent_invalid");
        }
        (await host.CountCommentsAsync(video.Id)).Should().Be(0, "a refused reply is not stored");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_received_gift_is_told_once_to_the_channel_with_what_was_sent(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var channel = await host.RegisterAsync("gc");
        var sender = await host.RegisterAsync("gs");
        var video = await host.CreateVideoAsync(channel, "gifted video");
        var onLive = $"gift-{Guid.NewGuid():N}";
        var onVideo = $"gift-{Guid.NewGuid():N}";

        await host.EnqueueGiftAsync(onLive, channel, sender, "Rocket", 3, 300, sessionId: "SessionId01");
        await host.EnqueueGiftAsync(onLive, channel, sender, "Rocket", 3, 300, sessionId: "SessionId01");
        await host.EnqueueGiftAsync(onVideo, channel, sender, "Heart", 1, 10, videoId: video.Id);
        await host.WaitJobsDoneAsync("gift.received", onLive, count: 2);
        await host.WaitJobsDoneAsync("gift.received", onVideo);

        var items = await channel.NotificationItemsAsync();
        items.Should().HaveCount(2, "the same gift send told twice is one notification");
        var live = items.Single(n => n.GetProperty("gift").Str("name") == "Rocket");
        live.Type().Should().Be("gift");
        live.GetProperty("actor").Str("username").Should().Be(sender.Username);
        live.GetProperty("gift").GetProperty("count").GetInt32().Should().Be(3);
        live.GetProperty("gift").GetProperty("coins").GetInt64().Should().Be(300);
        live.Str("sessionId").Should().Be("SessionId01");
        live.TryGetProperty("video", out _).Should().BeFalse();
        var onTheVideo = items.Single(n => n.GetProperty("gift").Str("name") == "Heart");
        onTheVideo.GetProperty("video").Str("id").Should().Be(video.Id);
        onTheVideo.GetProperty("video").Str("title").Should().Be("gifted video");
        (await sender.NotificationItemsAsync()).Should().BeEmpty("the sender is not told");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_gift_sent_through_the_API_reaches_the_channel_once_even_when_its_key_is_sent_twice(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var admin = await host.CreateAdminAsync();
        var channel = await host.RegisterAsync("gapi");
        var sender = await host.RegisterAsync("gfan");
        var video = await host.CreateVideoAsync(channel, "gift me");
        var giftId = await admin.CreateGiftAsync($"Star {Guid.NewGuid():N}"[..16], 7);
        await admin.GrantAsync(sender.Username, 100);

        var key = Guid.NewGuid().ToString();
        var sent = await (await sender.SendGiftAsync($"videos/{video.Id}", giftId, 2, key)).ShouldBeJsonAsync(HttpStatusCode.Created);
        await (await sender.SendGiftAsync($"videos/{video.Id}", giftId, 2, key)).ShouldBeJsonAsync(HttpStatusCode.Created);

        var heard = await channel.WaitNotificationAsync(n => n.Type() == "gift", "the channel hears of the gift");
        heard.GetProperty("actor").Str("username").Should().Be(sender.Username);
        heard.GetProperty("gift").GetProperty("count").GetInt32().Should().Be(2);
        heard.GetProperty("gift").GetProperty("coins").GetInt64().Should().Be(14);
        heard.GetProperty("video").Str("id").Should().Be(video.Id);
        await host.WaitJobsDoneAsync("gift.received", sent.Str("id"));
        (await channel.NotificationItemsAsync()).Should().ContainSingle("the same idempotency key sends once, and is told once");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unread_counts_mark_read_and_paging_are_the_owners_only(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var alice = await host.RegisterAsync("na");
        var bob = await host.RegisterAsync("nb");
        var sends = Enumerable.Range(0, 5).Select(_ => $"gift-{Guid.NewGuid():N}").ToList();
        foreach (var send in sends)
        {
            await host.EnqueueGiftAsync(send, alice, bob);
        }
        foreach (var send in sends)
        {
            await host.WaitJobsDoneAsync("gift.received", send);
        }

        (await alice.UnreadAsync()).Should().Be(5);
        var page = await alice.NotificationsAsync();
        page.GetProperty("unread").GetInt32().Should().Be(5);
        var all = await alice.Client.AllPagesAsync("/api/v1/me/notifications", limit: 2);
        all.Should().HaveCount(5, "pages of 2 add up to all five");
        all.Select(n => n.Str("id")).Should().OnlyHaveUniqueItems();
        all.Select(n => n.GetProperty("createdAt").GetDateTime()).Should().BeInDescendingOrder();
        var ids = all.Select(n => n.Str("id")).ToArray();

        // Bob sees none of alice's, and cannot mark them.
        (await bob.NotificationItemsAsync()).Should().BeEmpty();
        (await bob.UnreadAsync()).Should().Be(0);
        (await bob.MarkReadAsync(ids)).Should().Be(0);
        (await bob.MarkReadAsync(null)).Should().Be(0);
        (await alice.UnreadAsync()).Should().Be(5, "another account's mark-read touches nothing of mine");

        (await alice.MarkReadAsync(ids[0], ids[1])).Should().Be(3);
        (await alice.MarkReadAsync(ids[0])).Should().Be(3, "marking again changes nothing");
        var after = await alice.NotificationItemsAsync();
        after.Where(n => n.GetProperty("read").GetBoolean()).Select(n => n.Str("id")).Should().BeEquivalentTo([ids[0], ids[1]]);
        (await alice.MarkReadAsync(null)).Should().Be(0, "no ids marks all");
        (await alice.UnreadAsync()).Should().Be(0);

        using (var response = await alice.Client.PostAsJsonAsync("/api/v1/me/notifications/read", new { ids = new[] { "not an id!" } }))
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        }
        using (var response = await alice.Client.PostAsJsonAsync("/api/v1/me/notifications/read", new { ids = Enumerable.Range(0, 101).Select(_ => ids[0]).ToArray() }))
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        }
        using (var response = await alice.Client.PostAsJsonAsync("/api/v1/me/notifications/read", new { }))
        {
            (await response.ShouldBeJsonAsync()).GetProperty("unread").GetInt32().Should().Be(0, "an empty body marks all too");
        }
        foreach (var call in new Func<HttpClient, Task<HttpResponseMessage>>[]
                 {
                     c => c.GetAsync("/api/v1/me/notifications"),
                     c => c.GetAsync("/api/v1/me/notifications/unread"),
                     c => c.PostAsync("/api/v1/me/notifications/read", null),
                 })
        {
            using var response = await call(host.Client);
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        }
        using (var bad = await alice.Client.GetAsync("/api/v1/me/notifications?cursor=%%%"))
        {
            await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor.invalid");
        }
    }

    private static async Task<JsonElement> PostCommentAsync(TestUser user, string url, object body)
    {
        using var response = await user.Client.PostAsJsonAsync(url, body);
        return await response.ShouldBeJsonAsync(HttpStatusCode.Created);
    }
}
