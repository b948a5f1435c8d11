namespace Framecast.Features.Notifications;

public static class NotificationTypes
{
    /// <summary>A followed channel went live.</summary>
    public const string Live = "live";

    /// <summary>A followed channel published a public video.</summary>
    public const string Video = "video";

    /// <summary>Someone replied to my comment.</summary>
    public const string Reply = "reply";

    /// <summary>My channel received a gift.</summary>
    public const string Gift = "gift";
}
