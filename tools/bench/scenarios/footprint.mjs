export async function footprint() { return []; }
