namespace Framecast.Features.Admin.Users;

public sealed record AdminUserResponse(string Id, string Username, bool IsAdmin, AdminHold? Banned, DateTime CreatedAt, int VideoCount);
