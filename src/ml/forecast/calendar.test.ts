import { calendarPeriodHints } from './calendar';

describe('calendarPeriodHints', () => {
  it('gives a day and a week in samples of the step', () => {
    expect(calendarPeriodHints(3600)).toEqual([24, 168]);
    expect(calendarPeriodHints(300)).toEqual([288, 2016]);
    expect(calendarPeriodHints(60)).toEqual([1440, 10080]);
  });

  it('drops periods shorter than two samples or not a whole number of steps', () => {
    expect(calendarPeriodHints(86_400)).toEqual([7]);
    expect(calendarPeriodHints(7 * 3600)).toEqual([24]);
    expect(calendarPeriodHints(0)).toEqual([]);
  });
});
