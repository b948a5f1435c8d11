using System.Net;
using Framecast.Tests.Features.Chat;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Social;

/// <summary>Followers-only chat: only followers send (by REST and hub); the channel's owner, moderators and admins always may.</summary>
public sealed class FollowersOnlyChatTests(ChatLiveFixture live) : IClassFixture<ChatLiveFixture>
{
    private TestHost Host => live.Host;
    private string Channel => live.Owner.Username;

    [Fact]
    public async Task Only_followers_moderators_the_owner_and_admins_chat_while_it_is_on()
    {
        var follower = await Host.RegisterAsync("follower");
        var stranger = await Host.RegisterAsync("stranger");
        var moderator = await Host.RegisterAsync("mod");
        await follower.Client.FollowAsync(Channel);
        await live.Owner.Client.NameModeratorAsync(Channel, moderator.Username).OkAsync();
        try
        {
            await live.Owner.SetChatSettingsAsync(followersOnly: true);
            (await Host.Client.GetJsonAsync($"/api/v1/channels/{Channel}/chat-settings")).GetProperty("followersOnly").GetBoolean().Should().BeTrue();

            using (var refused = await stranger.Client.PostMessageAsync(live.SessionId, "let me talk"))
            {
                var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "chat.followers_only");
                problem.GetProperty("detail").GetString().Should().Contain("follow", "the refusal says what to do");
            }
            var (strangerClient, room) = await Host.JoinLiveAsync(stranger, live.SessionId);
            await using (strangerClient)
            {
                room.GetProperty("canSend").GetBoolean().Should().BeFalse("the room tells a non-follower at once");
                room.GetProperty("reason").GetString().Should().Contain("follow");
                (await strangerClient.SendMessageAsync(live.SessionId, "over the hub")).ShouldBeError(403, "chat.followers_only");
            }

            await follower.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("a follower"));
            await moderator.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("a moderator"));
            await live.Owner.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("the owner"));
            await live.Admin.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("an admin"));

            await stranger.Client.FollowAsync(Channel);
            await stranger.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("now following"));
            await follower.Client.FollowAsync(Channel, follow: false);
            using (var refused = await follower.Client.PostMessageAsync(live.SessionId, "gone"))
            {
                await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "chat.followers_only");
            }

            await live.Owner.SetChatSettingsAsync(followersOnly: false);
            await follower.Client.PostMessageOkAsync(live.SessionId, ChatKit.Unique("open again"));
        }
        finally
        {
            await live.ResetSettingsAsync();
        }
    }
}
