namespace Framecast.Infrastructure.Data;

/// <summary>The provider and connection string actually in use, resolved once from <see cref="DatabaseOptions"/> and the data folder.</summary>
public sealed record DatabaseProvider(bool IsPostgres, string ConnectionString);
