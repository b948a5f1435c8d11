using Framecast.Features.Accounts;

namespace Framecast.Features.Chat;

public sealed record UserListResponse(IReadOnlyList<UserSummary> Items);

public sealed record BanRequest(string? Username, long? DurationSeconds, string? Reason);

public sealed record BanResponse(UserSummary User, DateTime? Until, string Reason, UserSummary By, DateTime CreatedAt)
{
    public static BanResponse From(ChatBan ban, IReadOnlyDictionary<string, UserSummary> users) =>
        new(users.TryGetValue(ban.UserId, out var u) ? u : new UserSummary(ban.UserId, ""), ban.Until, ban.Reason,
            users.TryGetValue(ban.ById, out var by) ? by : new UserSummary(ban.ById, ""), ban.CreatedAt);
}

public sealed record BanListResponse(IReadOnlyList<BanResponse> Items);

public sealed record ChatSettingsResponse(int SlowModeSeconds, bool FollowersOnly, int MinAccountAgeMinutes, IReadOnlyList<string> BlockedWords)
{
    public static ChatSettingsResponse From(ChatSettings s) => new(s.SlowModeSeconds, s.FollowersOnly, s.MinAccountAgeMinutes, s.BlockedWords);
}

public sealed record ModerationLogItem(string Id, string Action, UserSummary Actor, string Target, string Reason, DateTime At);

public sealed record ModerationLogResponse(IReadOnlyList<ModerationLogItem> Items);
