// Largest employers in the networks have tens of thousands of staff; a quarter with more than
// 10,000 placements at one employer is a typo, not a success.
export const MAX_PLACEMENTS = 10_000;
