// Dates in snapshots and formatting must not depend on the machine's zone.
process.env.TZ = 'UTC';

module.exports = {
  ...require('./.config/jest.config'),
};
