using Voice.Core.Accounts;
using Voice.Core.Conferences;

namespace Voice.Engine.Conferences;

/// <summary>Which conferences a list shows: those of a dialect, optionally by exact name and status.</summary>
public sealed record ConferenceFilter(ApplicationDialect Dialect, string? Name = null, ConferenceStatus? Status = null);
