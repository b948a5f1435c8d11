// Coin amounts in words: "1 coin", "1,250 coins"; signed for ledger entries ("+100", "−30").

export function coins(n) {
  const value = Number(n) || 0;
  return `${value.toLocaleString('en-US')} ${Math.abs(value) === 1 ? 'coin' : 'coins'}`;
}

export function signedCoins(n) {
  const value = Number(n) || 0;
  const digits = Math.abs(value).toLocaleString('en-US');
  return value < 0 ? `−${digits}` : `+${digits}`;
}
